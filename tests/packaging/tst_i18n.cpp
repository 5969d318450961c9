// wfo::i18n: the language follows the system locale or the stored choice, our catalogue and
// Qt's are installed for it, and the catalogues are found in the build tree without setup.
#include "app/i18n/i18n.h"

#include <QCoreApplication>
#include <QDate>
#include <QDir>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestI18n final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void explicitLanguage_data();
    void explicitLanguage();
    void pluralForms_data();
    void pluralForms();
    void qtBaseTranslation();
    void storedChoice();
    void environmentDirectoryFirst();
    void followsSystemLocale();

private:
    static QString status(const char *source)
    {
        return QCoreApplication::translate("wfo::ProcessStatus", source);
    }
    QTemporaryDir m_config;
};

void TestI18n::initTestCase()
{
    QVERIFY(m_config.isValid());
    // QSettings reads XDG_CONFIG_HOME when it is first used; keep the user's settings out.
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(m_config.path()));
    qunsetenv("WFO_TRANSLATIONS_DIR");
}

void TestI18n::cleanup()
{
    wfo::i18n::setLanguageSetting(QString());
    qunsetenv("WFO_TRANSLATIONS_DIR");
    wfo::i18n::installTranslations(*QCoreApplication::instance(), u"en"_s);
}

void TestI18n::explicitLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("inEffect");
    QTest::addColumn<QString>("failed");
    QTest::newRow("dutch") << u"nl"_s << u"nl"_s << u"Mislukt"_s;
    QTest::newRow("dutch (Belgium)") << u"nl_BE"_s << u"nl"_s << u"Mislukt"_s;
    QTest::newRow("english") << u"en"_s << u"en"_s << u"Failed"_s;
    QTest::newRow("no catalogue: english") << u"ja"_s << u"en"_s << u"Failed"_s;
}

void TestI18n::explicitLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, inEffect);
    QFETCH(QString, failed);
    QCOMPARE(wfo::i18n::installTranslations(*QCoreApplication::instance(), language), inEffect);
    QCOMPARE(status("Failed"), failed);
}

void TestI18n::pluralForms_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("count");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en 1") << u"en"_s << 1 << u"Enter at least 1 character."_s;
    QTest::newRow("en 3") << u"en"_s << 3 << u"Enter at least 3 characters."_s;
    QTest::newRow("nl 1") << u"nl"_s << 1 << u"Voer minstens 1 teken in."_s;
    QTest::newRow("nl 3") << u"nl"_s << 3 << u"Voer minstens 3 tekens in."_s;
}

void TestI18n::pluralForms()
{
    QFETCH(QString, language);
    QFETCH(int, count);
    QFETCH(QString, expected);
    wfo::i18n::installTranslations(*QCoreApplication::instance(), language);
    QCOMPARE(QCoreApplication::translate("wfo::forms::Field", "Enter at least %n character(s).",
                                         nullptr, count),
             expected);
    // Day names follow the language chosen, as the words around them do.
    QCOMPARE(QLocale().toString(QDate(2026, 12, 1), u"dddd"_s),
             language == "nl"_L1 ? u"dinsdag"_s : u"Tuesday"_s);
}

void TestI18n::qtBaseTranslation()
{
    const QDir qtTranslations(QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (!qtTranslations.exists(u"qtbase_nl.qm"_s))
        QSKIP("Qt's Dutch translation is not installed (qt6-translations-l10n)");
    wfo::i18n::installTranslations(*QCoreApplication::instance(), u"nl"_s);
    const char *help = "Displays help on commandline options.";
    QVERIFY(QCoreApplication::translate("QCommandLineParser", help) != QLatin1StringView(help));
}

void TestI18n::storedChoice()
{
    QCOMPARE(wfo::i18n::languageSetting(), QString());
    wfo::i18n::setLanguageSetting(u"nl"_s);
    QCOMPARE(wfo::i18n::languageSetting(), u"nl"_s);
    wfo::i18n::installTranslations(*QCoreApplication::instance());
    QCOMPARE(status("Running"), u"Bezig"_s);
    wfo::i18n::setLanguageSetting(u"en"_s);
    wfo::i18n::installTranslations(*QCoreApplication::instance());
    QCOMPARE(status("Running"), u"Running"_s);
}

void TestI18n::environmentDirectoryFirst()
{
    QVERIFY(wfo::i18n::availableLanguages().contains(u"nl"_s));
    QVERIFY(wfo::i18n::availableLanguages().contains(u"en"_s));
    QVERIFY(!wfo::i18n::availableLanguages().contains(u"fy"_s));

    // A catalogue in $WFO_TRANSLATIONS_DIR is offered and wins over the built ones.
    QTemporaryDir extra;
    QVERIFY(extra.isValid());
    const QStringList directories = wfo::i18n::translationDirectories();
    QString dutch;
    for (const QString &directory : directories) {
        if (QFile::exists(directory + u"/orchestrator-console_nl.qm"_s)) {
            dutch = directory + u"/orchestrator-console_nl.qm"_s;
            break;
        }
    }
    QVERIFY2(!dutch.isEmpty(), qPrintable(directories.join(u", "_s)));
    QVERIFY(QFile::copy(dutch, extra.filePath(u"orchestrator-console_fy.qm"_s)));
    qputenv("WFO_TRANSLATIONS_DIR", QFile::encodeName(extra.path()));
    QCOMPARE(wfo::i18n::translationDirectories().constFirst(), extra.path());
    QVERIFY(wfo::i18n::availableLanguages().contains(u"fy"_s));
    QCOMPARE(wfo::i18n::installTranslations(*QCoreApplication::instance(), u"fy"_s), u"fy"_s);
    QCOMPARE(status("Failed"), u"Mislukt"_s);
}

void TestI18n::followsSystemLocale()
{
    // CTest runs this suite a second time with LC_ALL=nl_NL.UTF-8 (WFO_EXPECT_SYSTEM=nl).
    const QString expected = qEnvironmentVariable("WFO_EXPECT_SYSTEM");
    if (expected.isEmpty())
        QSKIP("run by the tst_i18n_system_locale test");
    QCOMPARE(wfo::i18n::installTranslations(*QCoreApplication::instance(), QString()), expected);
    QCOMPARE(status("Failed"), u"Mislukt"_s);
}

QTEST_GUILESS_MAIN(TestI18n)
#include "tst_i18n.moc"
