#pragma once
// The database dialog (Settings page and File ▸ Connect to database…): the embedded SQLite
// file (open one or create a new one) or a PostgreSQL server (host, port, database, user,
// password). "Test connection" runs on the tester's thread and says what it found. On Connect
// the URL without its password is stored in QSettings and the password in the system keychain,
// or, when there is none, for this session only (the dialog says so); urlChosen() then carries
// the URL with its password to whoever switches the engine.

#include "store/databaseurl.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QStackedWidget;

namespace wfo::console {

class ConnectionTester;
class PasswordStore;
struct ConnectionReport;
struct PasswordResult;

class DatabaseDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatabaseDialog)

public:
    explicit DatabaseDialog(const store::DatabaseUrl &current, QWidget *parent = nullptr);

    // The URL of the fields, with the password; nullopt (and the reason) when incomplete.
    std::optional<store::DatabaseUrl> url(QString *error = nullptr) const;
    ConnectionTester *tester() const { return m_tester; }
    PasswordStore *passwordStore() const { return m_passwords; }
    // Known once the keychain answered the first read.
    bool keychainAvailable() const { return m_keychain == Keychain::Available; }

public slots:
    void testConnection();
    void accept() override;

signals:
    void urlChosen(const wfo::store::DatabaseUrl &url);
    // The keychain answered the first read (keychainAvailable() tells how).
    void keychainChecked();
    void connectionTested(bool ok, const QString &message);

private:
    enum class Keychain { Unknown, Available, Unavailable };
    QWidget *createSqlitePage();
    QWidget *createPostgresPage();
    void updateKind();
    void updatePreview();
    void chooseFile(bool createNew);
    void passwordAnswered(const QString &key, const PasswordResult &result);
    void setKeychain(Keychain state, const QString &reason);
    void showReport(const ConnectionReport &report);
    void finishAccept(const store::DatabaseUrl &url);
    void setMessage(QLabel *label, const QString &text, bool ok);

    ConnectionTester *m_tester;
    PasswordStore *m_passwords;
    Keychain m_keychain = Keychain::Unknown;
    bool m_accepting = false;

    QRadioButton *m_sqlite;
    QRadioButton *m_postgres;
    QStackedWidget *m_pages;
    QLineEdit *m_path = nullptr;
    QLabel *m_fileHint = nullptr;
    QLineEdit *m_host = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_database = nullptr;
    QLineEdit *m_user = nullptr;
    QLineEdit *m_password = nullptr;
    QCheckBox *m_remember = nullptr;
    QLabel *m_keychainState = nullptr;
    QLabel *m_preview;
    QPushButton *m_test;
    QProgressBar *m_testing;
    QLabel *m_result;
    QLabel *m_precedence;
    QDialogButtonBox *m_buttons;
};

} // namespace wfo::console
