#include "databasedialog.h"

#include "connectiontester.h"
#include "databasesettings.h"
#include "passwordstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace wfo::console {

DatabaseDialog::DatabaseDialog(const store::DatabaseUrl &current, QWidget *parent)
    : QDialog(parent)
    , m_tester(new ConnectionTester(this))
    , m_passwords(new PasswordStore(this))
    , m_sqlite(new QRadioButton(tr("Embedded &SQLite file (one computer)"), this))
    , m_postgres(new QRadioButton(tr("&PostgreSQL server (a team, several workers)"), this))
    , m_pages(new QStackedWidget(this))
    , m_preview(new QLabel(this))
    , m_test(new QPushButton(tr("&Test connection"), this))
    , m_testing(new QProgressBar(this))
    , m_result(new QLabel(this))
    , m_precedence(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(u"databaseDialog"_s);
    setWindowTitle(tr("Connect to database"));
    m_sqlite->setObjectName(u"sqliteChoice"_s);
    m_postgres->setObjectName(u"postgresChoice"_s);
    m_pages->addWidget(createSqlitePage());
    m_pages->addWidget(createPostgresPage());
    m_preview->setObjectName(u"databaseUrlPreview"_s);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_preview->setAccessibleName(tr("Database URL"));
    m_test->setObjectName(u"testConnectionButton"_s);
    m_test->setAccessibleName(tr("Test connection"));
    m_testing->setObjectName(u"testingConnection"_s);
    m_testing->setRange(0, 0);
    m_testing->setMaximumHeight(12);
    m_testing->setTextVisible(false);
    m_testing->setAccessibleName(tr("Testing the connection"));
    m_testing->hide();
    m_result->setObjectName(u"connectionResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_precedence->setObjectName(u"precedenceHint"_s);
    m_precedence->setWordWrap(true);
    m_precedence->setEnabled(false);
    switch (DatabaseSettings::startupSource()) {
    case DatabaseChoice::Source::CommandLine:
        m_precedence->setText(tr("This console was started with --db: at the next start that "
                                 "option wins over the database chosen here."));
        break;
    case DatabaseChoice::Source::Environment:
        m_precedence->setText(tr("$WFO_DATABASE_URL is set: at the next start it wins over the "
                                 "database chosen here."));
        break;
    default:
        m_precedence->hide();
    }
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Connect"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"connectButton"_s);

    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testing, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_sqlite);
    layout->addWidget(m_postgres);
    layout->addWidget(m_pages);
    layout->addWidget(m_keychainState);
    layout->addWidget(m_preview);
    layout->addLayout(testRow);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(m_precedence);
    layout->addWidget(m_buttons);
    resize(640, sizeHint().height());

    if (current.isSqlite()) {
        m_path->setText(current.path);
        m_sqlite->setChecked(true);
    } else {
        m_host->setText(current.host);
        m_port->setValue(current.port);
        m_database->setText(current.database);
        m_user->setText(current.user);
        m_password->setText(current.password);
        m_postgres->setChecked(true);
    }
    connect(m_sqlite, &QRadioButton::toggled, this, &DatabaseDialog::updateKind);
    connect(m_test, &QPushButton::clicked, this, &DatabaseDialog::testConnection);
    connect(m_tester, &ConnectionTester::finished, this, &DatabaseDialog::showReport);
    connect(m_passwords, &PasswordStore::finished, this, &DatabaseDialog::passwordAnswered);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DatabaseDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DatabaseDialog::reject);
    for (QLineEdit *edit : {m_path, m_host, m_database, m_user})
        connect(edit, &QLineEdit::textChanged, this, &DatabaseDialog::updatePreview);
    connect(m_port, &QSpinBox::valueChanged, this, &DatabaseDialog::updatePreview);
    updateKind();

    // The first read tells whether there is a keychain, and fills in a password kept there.
    setKeychain(Keychain::Unknown, {});
    if (!current.isSqlite())
        m_passwords->read(DatabaseSettings::keychainKey(current));
    else
        m_passwords->read(u"orchestrator-console-probe"_s);
}

QWidget *DatabaseDialog::createSqlitePage()
{
    auto *page = new QWidget(this);
    m_path = new QLineEdit(page);
    m_path->setObjectName(u"sqlitePath"_s);
    m_path->setAccessibleName(tr("SQLite file"));
    m_path->setPlaceholderText(tr("/home/me/orchestrator.db"));
    auto *open = new QPushButton(tr("&Open…"), page);
    open->setObjectName(u"openSqliteFile"_s);
    open->setAccessibleName(tr("Open an existing SQLite file"));
    auto *create = new QPushButton(tr("&New…"), page);
    create->setObjectName(u"newSqliteFile"_s);
    create->setAccessibleName(tr("Create a new SQLite file"));
    m_fileHint = new QLabel(page);
    m_fileHint->setObjectName(u"sqliteFileHint"_s);
    m_fileHint->setWordWrap(true);
    m_fileHint->setEnabled(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_path, 1);
    row->addWidget(open);
    row->addWidget(create);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(24, 0, 0, 0);
    auto *fileLabel = new QLabel(tr("&File:"), page);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, row);
    form->addRow(QString(), m_fileHint);
    connect(open, &QPushButton::clicked, this, [this] { chooseFile(false); });
    connect(create, &QPushButton::clicked, this, [this] { chooseFile(true); });
    return page;
}

QWidget *DatabaseDialog::createPostgresPage()
{
    auto *page = new QWidget(this);
    m_host = new QLineEdit(page);
    m_host->setObjectName(u"pgHost"_s);
    m_host->setAccessibleName(tr("Host"));
    m_host->setPlaceholderText(u"db.example.org"_s);
    m_port = new QSpinBox(page);
    m_port->setObjectName(u"pgPort"_s);
    m_port->setAccessibleName(tr("Port"));
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_database = new QLineEdit(page);
    m_database->setObjectName(u"pgDatabase"_s);
    m_database->setAccessibleName(tr("Database name"));
    m_database->setPlaceholderText(u"orchestrator"_s);
    m_user = new QLineEdit(page);
    m_user->setObjectName(u"pgUser"_s);
    m_user->setAccessibleName(tr("User"));
    m_password = new QLineEdit(page);
    m_password->setObjectName(u"pgPassword"_s);
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(page);
    m_remember->setObjectName(u"rememberPassword"_s);
    m_remember->setChecked(true);
    m_keychainState = new QLabel(this); // in the dialog's own layout: wrapped text gets its height
    m_keychainState->setObjectName(u"keychainState"_s);
    m_keychainState->setWordWrap(true);
    auto *hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), page));
    hostRow->addWidget(m_port);
    auto *form = new QFormLayout(page);
    form->setContentsMargins(24, 0, 0, 0);
    auto *hostLabel = new QLabel(tr("&Host:"), page);
    hostLabel->setBuddy(m_host);
    form->addRow(hostLabel, hostRow);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(QString(), m_remember);
    return page;
}

std::optional<store::DatabaseUrl> DatabaseDialog::url(QString *error) const
{
    const auto fail = [error](const QString &message) -> std::optional<store::DatabaseUrl> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    store::DatabaseUrl url;
    if (m_sqlite->isChecked()) {
        url.kind = store::DatabaseUrl::Kind::SQLite;
        url.path = QDir::cleanPath(m_path->text().trimmed());
        if (m_path->text().trimmed().isEmpty() || !QDir::isAbsolutePath(url.path))
            return fail(tr("Choose the SQLite file (an absolute path)."));
        return url;
    }
    url.kind = store::DatabaseUrl::Kind::PostgreSQL;
    url.host = m_host->text().trimmed();
    url.port = m_port->value();
    url.database = m_database->text().trimmed();
    url.user = m_user->text().trimmed();
    url.password = m_password->text();
    if (url.host.isEmpty())
        return fail(tr("Enter the PostgreSQL server's host name."));
    if (url.database.isEmpty())
        return fail(tr("Enter the name of the database."));
    if (url.user.isEmpty())
        return fail(tr("Enter the user name."));
    return url;
}

void DatabaseDialog::updateKind()
{
    m_pages->setCurrentIndex(m_sqlite->isChecked() ? 0 : 1);
    m_keychainState->setVisible(m_postgres->isChecked());
    updatePreview();
}

void DatabaseDialog::updatePreview()
{
    QString error;
    const auto url = this->url(&error);
    m_preview->setText(
        url ? tr("URL: <tt>%1</tt>").arg(DatabaseSettings::withoutPassword(*url).toHtmlEscaped())
            : error);
    if (m_sqlite->isChecked()) {
        const QFileInfo file(m_path->text().trimmed());
        m_fileHint->setText(m_path->text().trimmed().isEmpty() ? QString()
                                : file.exists()
                                ? tr("An existing file: opened as it is.")
                                : tr("A new file: the console sets it up when it opens it."));
    }
    m_result->clear();
}

void DatabaseDialog::chooseFile(bool createNew)
{
    auto *dialog =
        new QFileDialog(this, createNew ? tr("New SQLite database") : tr("Open SQLite database"));
    dialog->setObjectName(u"sqliteFileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setNameFilters({tr("SQLite databases (*.db *.sqlite *.sqlite3)"), tr("All files (*)")});
    dialog->setDefaultSuffix(u"db"_s);
    dialog->setAcceptMode(createNew ? QFileDialog::AcceptSave : QFileDialog::AcceptOpen);
    dialog->setFileMode(createNew ? QFileDialog::AnyFile : QFileDialog::ExistingFile);
    // Choosing an existing name for a new database opens that file; it is never overwritten.
    dialog->setOption(QFileDialog::DontConfirmOverwrite, true);
    const QFileInfo current(m_path->text().trimmed());
    dialog->setDirectory(current.absolutePath().isEmpty() ? QDir::homePath()
                                                          : current.absolutePath());
    connect(dialog, &QFileDialog::fileSelected, this,
            [this](const QString &file) { m_path->setText(file); });
    dialog->open();
}

void DatabaseDialog::testConnection()
{
    QString error;
    const auto url = this->url(&error);
    if (!url) {
        setMessage(m_result, error, false);
        return;
    }
    m_test->setEnabled(false);
    m_testing->show();
    m_result->setText(tr("Testing %1…").arg(url->displayString()));
    m_result->setStyleSheet(QString());
    m_tester->test(*url);
}

void DatabaseDialog::showReport(const ConnectionReport &report)
{
    m_test->setEnabled(true);
    m_testing->hide();
    setMessage(m_result,
               report.ok ? tr("✔ %1").arg(report.message) : tr("✘ %1").arg(report.message),
               report.ok);
    emit connectionTested(report.ok, report.message);
}

void DatabaseDialog::setMessage(QLabel *label, const QString &text, bool ok)
{
    label->setText(text);
    label->setStyleSheet(ok ? u"QLabel { color: #2e7d32; }"_s : u"QLabel { color: #c62828; }"_s);
}

void DatabaseDialog::passwordAnswered(const QString &key, const PasswordResult &result)
{
    using Outcome = PasswordResult::Outcome;
    if (m_accepting) {
        // The answer to the keychain write of accept().
        m_accepting = false;
        m_buttons->setEnabled(true);
        const auto url = this->url();
        if (!url)
            return;
        if (result.outcome == Outcome::Done) {
            PasswordStore::forgetSession(key);
            finishAccept(*url);
            return;
        }
        setKeychain(Keychain::Unavailable, result.message);
        setMessage(m_result,
                   tr("The keychain did not store the password (%1). Press Connect again to keep "
                      "it for this session only.")
                       .arg(result.message),
                   false);
        return;
    }
    const bool first = m_keychain == Keychain::Unknown;
    if (result.outcome == Outcome::Done && !result.password.isEmpty()
        && m_password->text().isEmpty())
        m_password->setText(result.password);
    if (result.fromSession)
        setKeychain(PasswordStore::keychainEnabled() ? Keychain::Unknown : Keychain::Unavailable,
                    tr("kept for this session"));
    else if (result.outcome == Outcome::NoKeychain)
        setKeychain(Keychain::Unavailable, result.message);
    else
        setKeychain(Keychain::Available, {});
    if (first)
        emit keychainChecked();
}

void DatabaseDialog::setKeychain(Keychain state, const QString &reason)
{
    m_keychain = state;
    switch (state) {
    case Keychain::Unknown:
        m_remember->setText(tr("&Remember the password"));
        m_keychainState->setText(tr("Looking for the system keychain…"));
        m_keychainState->setStyleSheet(QString());
        break;
    case Keychain::Available:
        m_remember->setText(tr("&Remember the password in the system keychain"));
        m_keychainState->setText(tr("Passwords are kept in the system keychain, never in the "
                                    "settings file."));
        m_keychainState->setStyleSheet(QString());
        break;
    case Keychain::Unavailable:
        m_remember->setText(tr("&Keep the password for this session only"));
        m_keychainState->setText(
            tr("No system keychain is available (%1). The password can be kept for this session "
               "only: the console asks for it again at the next start. It is never written to "
               "the settings file.")
                .arg(reason.isEmpty() ? tr("no Secret Service on the session bus") : reason));
        m_keychainState->setStyleSheet(u"QLabel { color: #b26a00; }"_s);
        break;
    }
    m_remember->setAccessibleName(m_remember->text().remove(u'&'));
}

void DatabaseDialog::accept()
{
    QString error;
    const auto url = this->url(&error);
    if (!url) {
        setMessage(m_result, error, false);
        return;
    }
    const QString key = DatabaseSettings::keychainKey(*url);
    if (url->isSqlite() || url->password.isEmpty() || !m_remember->isChecked()) {
        if (!url->isSqlite())
            PasswordStore::forgetSession(key);
        finishAccept(*url);
        return;
    }
    if (m_keychain != Keychain::Unavailable && PasswordStore::keychainEnabled()) {
        m_accepting = true;
        m_buttons->setEnabled(false);
        m_result->setText(tr("Storing the password in the system keychain…"));
        m_passwords->write(key, url->password);
        return;
    }
    PasswordStore::keepForSession(key, url->password);
    finishAccept(*url);
}

void DatabaseDialog::finishAccept(const store::DatabaseUrl &url)
{
    DatabaseSettings::setStoredUrl(url);
    emit urlChosen(url);
    QDialog::accept();
}

} // namespace wfo::console
