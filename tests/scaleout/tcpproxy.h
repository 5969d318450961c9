#pragma once
// A TCP proxy on the loopback interface that a test can cut and restore, to play a database
// server that becomes unreachable and comes back.

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

class TcpProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpProxy)

public:
    TcpProxy(const QString &upstreamHost, quint16 upstreamPort, QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_port; }
    // Drops every connection and refuses new ones.
    void cut();
    // Accepts connections again, on the same port.
    bool restore();

private:
    void accept();

    QTcpServer *m_server; // a child, so it moves to the proxy's thread with it
    QString m_upstreamHost;
    quint16 m_upstreamPort;
    quint16 m_port = 0;
    QList<QTcpSocket *> m_sockets;
};
