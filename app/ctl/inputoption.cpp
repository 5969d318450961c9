#include "inputoption.h"

#include "forms/core/inputlimits.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace wfo::ctl {

namespace {

QString tooLarge(const QString &origin)
{
    return InputOption::tr("Too much input in %1: more than %2 KiB. Form input is never that "
                           "large; check the file or the argument.")
        .arg(origin, QString::number(forms::MaxInputBytes / 1024));
}

// SIGINT and SIGTERM may be held back for the engine that comes next (see SignalWatcher); while
// a file is read they work, whatever the file turns out to be.
class SignalsWork
{
public:
    SignalsWork()
    {
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGINT);
        sigaddset(&set, SIGTERM);
        ::pthread_sigmask(SIG_UNBLOCK, &set, &m_previous);
    }
    ~SignalsWork() { ::pthread_sigmask(SIG_SETMASK, &m_previous, nullptr); }
    Q_DISABLE_COPY_MOVE(SignalsWork)

private:
    sigset_t m_previous;
};

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// Reads a regular file of at most MaxInputBytes. Anything else is refused before it is opened
// for reading: opening a FIFO without a writer blocks, /dev/zero never ends, a directory is
// not input.
std::optional<QByteArray> readFile(const QString &path, const QString &origin, QString *error)
{
    const QByteArray native = QFile::encodeName(path);
    struct stat info = {};
    if (::stat(native.constData(), &info) != 0) {
        *error =
            InputOption::tr("Cannot read the input file '%1': %2").arg(path, systemError(errno));
        return std::nullopt;
    }
    auto refuseKind = [&](mode_t mode) {
        if (S_ISREG(mode))
            return false;
        *error = InputOption::tr("The input file '%1' is not a regular file (it is a %2); give "
                                 "the path of a JSON file.")
                     .arg(path,
                          S_ISDIR(mode)        ? InputOption::tr("directory")
                              : S_ISFIFO(mode) ? InputOption::tr("named pipe")
                              : S_ISSOCK(mode) ? InputOption::tr("socket")
                                               : InputOption::tr("device"));
        return true;
    };
    if (refuseKind(info.st_mode))
        return std::nullopt;
    if (info.st_size > forms::MaxInputBytes) {
        *error = tooLarge(origin);
        return std::nullopt;
    }
    // O_NONBLOCK: should the path have become a FIFO since stat(), open() still returns at once.
    const int fd = ::open(native.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error =
            InputOption::tr("Cannot read the input file '%1': %2").arg(path, systemError(errno));
        return std::nullopt;
    }
    QFile file;
    if (::fstat(fd, &info) != 0 || refuseKind(info.st_mode)
        || !file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        if (error->isEmpty())
            *error = InputOption::tr("Cannot read the input file '%1': %2")
                         .arg(path, file.errorString());
        ::close(fd);
        return std::nullopt;
    }
    // One byte more than allowed tells a file that grew since stat() from one that fits.
    const QByteArray bytes = file.read(forms::MaxInputBytes + 1);
    if (bytes.size() > forms::MaxInputBytes) {
        *error = tooLarge(origin);
        return std::nullopt;
    }
    if (file.error() != QFileDevice::NoError) {
        *error =
            InputOption::tr("Cannot read the input file '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    return bytes;
}

} // namespace

std::optional<FormInput> InputOption::parse(const QString &text, QString *error)
{
    QByteArray bytes;
    QString origin = tr("--input");
    if (text.startsWith(u'@')) {
        const QString path = text.mid(1);
        if (path.isEmpty()) {
            *error = tr("Cannot read the input file '%1': %2").arg(path, tr("no file name given"));
            return std::nullopt;
        }
        origin = tr("the input file '%1'").arg(path);
        std::optional<QByteArray> read;
        {
            const SignalsWork signalsWork;
            read = readFile(path, origin, error);
        }
        if (!read)
            return std::nullopt;
        bytes = std::move(*read);
    } else {
        if (text.size() > forms::MaxInputBytes) {
            *error = tooLarge(origin);
            return std::nullopt;
        }
        bytes = text.toUtf8();
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("The JSON in %1 is malformed at offset %2: %3.")
                     .arg(origin, QString::number(parseError.offset), parseError.errorString());
        return std::nullopt;
    }
    if (!document.isObject() && !document.isArray()) {
        *error = tr("The JSON in %1 must be an object or an array of objects.").arg(origin);
        return std::nullopt;
    }
    FormInput input;
    if (document.isObject()) {
        input.object = document.object();
        return input;
    }
    const QJsonArray pages = document.array();
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (!pages.at(i).isObject()) {
            *error = tr("Element %1 of the JSON array in %2 is not an object; give one object "
                        "per form page.")
                         .arg(QString::number(i), origin);
            return std::nullopt;
        }
    }
    input.userInputs = pages;
    return input;
}

} // namespace wfo::ctl
