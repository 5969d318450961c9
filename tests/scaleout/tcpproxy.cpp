#include "tcpproxy.h"

#include <QTcpSocket>

TcpProxy::TcpProxy(const QString &upstreamHost, quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_upstreamHost(upstreamHost)
    , m_upstreamPort(upstreamPort)
{
    connect(m_server, &QTcpServer::newConnection, this, &TcpProxy::accept);
}

bool TcpProxy::listen()
{
    if (!m_server->listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server->serverPort();
    return true;
}

void TcpProxy::accept()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        auto *upstream = new QTcpSocket(this);
        client->setParent(this);
        m_sockets.append(client);
        m_sockets.append(upstream);
        connect(client, &QTcpSocket::readyRead, upstream,
                [client, upstream] { upstream->write(client->readAll()); });
        connect(upstream, &QTcpSocket::readyRead, client,
                [client, upstream] { client->write(upstream->readAll()); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
            if (client->bytesAvailable())
                upstream->write(client->readAll());
        });
        upstream->connectToHost(m_upstreamHost, m_upstreamPort);
    }
}

void TcpProxy::cut()
{
    m_server->close();
    for (QTcpSocket *socket : std::as_const(m_sockets)) {
        socket->abort();
        socket->deleteLater();
    }
    m_sockets.clear();
}

bool TcpProxy::restore()
{
    return listen();
}
