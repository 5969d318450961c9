#pragma once
// The dialog that walks a form page by page: Next/Previous/Cancel, errors under their fields
// and summarised at the top, answers kept after an error and when going back, Ctrl+Left and
// Ctrl+Right for Previous and Next. When it is accepted, userInputs() holds one answer object
// per page, ready for runForm() or the engine's resume.
//
// Once told what finishing does (setFinishText: "Start", "Submit"), the button that finishes says
// so on the last page, where it is the default button: after each page is shown, and again as
// its answers change, the dialog asks the evaluator in the background what the answers as they
// stand would lead to; when that is the end of the form, this page is the last ("Page 2 of 2").
// When it is another page, the pages after it are tried with their defaults (a few pages
// ahead), so that the count is known as early as the answers allow ("Page 1 of 2").
// Enter never lands on Cancel or Previous.
//
// The dialog never evaluates the form itself: it asks a FormEvaluator with the answers so far
// and waits for the reply, so a console can evaluate on a worker thread (the generator may
// need the database) while the dialog stays responsive.

#include "formpagewidget.h"

#include "forms/core/formgenerator.h"
#include "wfo_formwidgets_export.h"

#include <QDialog>
#include <QJsonArray>
#include <QList>
#include <QPointer>

#include <functional>

class QLabel;
class QPushButton;
class QScrollArea;
class QTimer;

namespace wfo::forms {

class PickerProvider;

// Call exactly once, on the GUI thread, now or later. Replies the dialog no longer waits for
// (the operator moved on, or the dialog was closed) are ignored.
using FormReply = std::function<void(const FormResult &result)>;
using FormEvaluator = std::function<void(const QJsonArray &userInputs, const FormReply &reply)>;

// Runs `generator` on the calling thread and replies at once: for simple forms and tests.
WFO_FORMWIDGETS_EXPORT FormEvaluator synchronousEvaluator(const FormGenerator &generator,
                                                          const QJsonObject &state = {});

class WFO_FORMWIDGETS_EXPORT FormDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FormDialog)

public:
    explicit FormDialog(const FormEvaluator &evaluator, PickerProvider *provider = nullptr,
                        QWidget *parent = nullptr);

    // Asks for the first page; called by the first show() when not called before.
    void start();

    QJsonArray userInputs() const { return m_userInputs; }
    QJsonObject values() const { return m_values; } // the form's result once accepted
    int pageIndex() const { return m_pageIndex; }
    FormPageWidget *currentPage() const { return m_page; }
    bool isBusy() const { return m_busy; }
    // What the Next button says on the last page; also turns on finding out which page is the
    // last (until then every page says "Next >").
    void setFinishText(const QString &text);
    // Whether the page shown is known to be the last one.
    bool isLastPage() const { return m_lastPage; }
    // Whether Cancel would discard answers (and so asks first).
    bool hasEnteredData() const;

public slots:
    void next();
    void previous();
    void reject() override;

signals:
    void pageShown(int index);
    void busyChanged(bool busy);

protected:
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void evaluate(int answeredPages);
    void handleResult(const FormResult &result);
    void showPage(const FormPage &page, int index);
    void showSummary(const QStringList &lines);
    void setBusy(bool busy);
    void updateTabOrder();
    void probe();
    void probeAhead(QJsonArray inputs, quint64 generation, int page, int depth);
    void setLastPage(bool last);
    void setPageCount(int count);

    FormEvaluator m_evaluator;
    PickerProvider *m_provider;
    QLabel *m_title;
    QLabel *m_step;
    QLabel *m_summary;
    QScrollArea *m_scroll;
    QPushButton *m_previous;
    QPushButton *m_next;
    QPushButton *m_cancel;
    QPointer<FormPageWidget> m_page;
    QList<QJsonObject> m_answers; // per page, kept beyond the current page for coming back
    QJsonArray m_userInputs;
    QJsonObject m_values;
    int m_pageIndex = -1;
    quint64 m_generation = 0;
    quint64 m_probeGeneration = 0;
    QTimer *m_probeTimer;
    QString m_finishText; // empty: the last page is not looked for
    bool m_lastPage = false;
    int m_pageCount = 0; // 0 while not known
    bool m_started = false;
    bool m_busy = false;
};

} // namespace wfo::forms
