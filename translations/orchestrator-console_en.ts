<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>wfo::api::Outcomes</name>
    <message numerus="yes">
        <source>%n validation error(s): %1</source>
        <translation>
            <numerusform>%n validation error: %1</numerusform>
            <numerusform>%n validation errors: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::AuditView</name>
    <message numerus="yes">
        <source>%n newest entries shown; scroll for more.</source>
        <translation>
            <numerusform>The newest entry is shown; scroll for more.</numerusform>
            <numerusform>The %n newest entries are shown; scroll for more.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries.</source>
        <translation>
            <numerusform>%n entry.</numerusform>
            <numerusform>%n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::BulkProgressDialog</name>
    <message numerus="yes">
        <source>Started %n process(es); they run in the background. Close this window at any time and open it again from the Subscriptions screen.</source>
        <translation>
            <numerusform>Started %n process; they run in the background. Close this window at any time and open it again from the Subscriptions screen.</numerusform>
            <numerusform>Started %n processes; they run in the background. Close this window at any time and open it again from the Subscriptions screen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Abort the %n process(es) that have not come to rest? They stop for good.</source>
        <translation>
            <numerusform>Abort the %n process that have not come to rest? They stop for good.</numerusform>
            <numerusform>Abort the %n processes that have not come to rest? They stop for good.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::BulkStartDialog</name>
    <message numerus="yes">
        <source>Checking %n subscription(s)…</source>
        <translation>
            <numerusform>Checking %n subscription…</numerusform>
            <numerusform>Checking %n subscriptions…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n subscription(s) can run it.</source>
        <translation>
            <numerusform>%1 of %n subscription can run it.</numerusform>
            <numerusform>%1 of %n subscriptions can run it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Start on %n subscription(s)</source>
        <translation>
            <numerusform>&amp;Start on %n subscription</numerusform>
            <numerusform>&amp;Start on %n subscriptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 on %n subscription(s)</source>
        <translation>
            <numerusform>%1 on %n subscription</numerusform>
            <numerusform>%1 on %n subscriptions</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::ConsoleSession</name>
    <message numerus="yes">
        <source>Switching to %1: %n process(es) finishing their current step…</source>
        <translation>
            <numerusform>Switching to %1: %n process finishing its current step…</numerusform>
            <numerusform>Switching to %1: %n processes finishing their current step…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The engine has not stopped yet: %n process(es) are still in their current step, or the database does not answer.</source>
        <translation>
            <numerusform>The engine has not stopped yet: %n process is still in its current step, or the database does not answer.</numerusform>
            <numerusform>The engine has not stopped yet: %n processes are still in their current step, or the database does not answer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::InstanceListModel</name>
    <message numerus="yes">
        <source>%n s ago: presumed dead</source>
        <translation>
            <numerusform>%n s ago: presumed dead</numerusform>
            <numerusform>%n s ago: presumed dead</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s ago</numerusform>
            <numerusform>%n s ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::InstancesPanel</name>
    <message numerus="yes">
        <source>%n engine instance(s) on this database</source>
        <translation>
            <numerusform>%n engine instance on this database</numerusform>
            <numerusform>%n engine instances on this database</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n process(es) running</source>
        <translation>
            <numerusform>%n process running</numerusform>
            <numerusform>%n processes running</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::JsonView</name>
    <message numerus="yes">
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n key}</numerusform>
            <numerusform>{%n keys}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::MainWindow</name>
    <message numerus="yes">
        <source>Engine RUNNING · %n running</source>
        <translation>
            <numerusform>Engine RUNNING · %n running</numerusform>
            <numerusform>Engine RUNNING · %n running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Engine PAUSING · %n finishing a step</source>
        <translation>
            <numerusform>Engine PAUSING · %n finishing a step</numerusform>
            <numerusform>Engine PAUSING · %n finishing a step</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessChart</name>
    <message numerus="yes">
        <source>%n process(es) started in these days</source>
        <translation>
            <numerusform>%n process started in these days</numerusform>
            <numerusform>%n processes started in these days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessListView</name>
    <message numerus="yes">
        <source>&amp;Retry %n selected process(es)</source>
        <translation>
            <numerusform>&amp;Retry %n selected process</numerusform>
            <numerusform>&amp;Retry %n selected processes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Abort %n selected process(es)…</source>
        <translation>
            <numerusform>&amp;Abort %n selected process…</numerusform>
            <numerusform>&amp;Abort %n selected processes…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n process(es) done; these were not:</source>
        <translation>
            <numerusform>%1 of %n process done; these were not:</numerusform>
            <numerusform>%1 of %n processes done; these were not:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Abort %n process(es)? They stop for good and cannot be retried.</source>
        <translation>
            <numerusform>Abort %n process? They stop for good and cannot be retried.</numerusform>
            <numerusform>Abort %n processes? They stop for good and cannot be retried.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>%n selected</numerusform>
            <numerusform>%n selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::ResetDialog</name>
    <message numerus="yes">
        <source>&lt;p&gt;&lt;b&gt;⚠ External effects are not undone.&lt;/b&gt; What these steps did outside the orchestrator (calls to other systems, devices configured, messages sent) stays done; only the process state is rewound, and subscriptions they changed get a new version restoring what they were before.&lt;/p&gt;&lt;p&gt;%n step(s) will be rewound (kept in the log, marked rewound):&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;⚠ External effects are not undone.&lt;/b&gt; What these steps did outside the orchestrator (calls to other systems, devices configured, messages sent) stays done; only the process state is rewound, and subscriptions they changed get a new version restoring what they were before.&lt;/p&gt;&lt;p&gt;%n step will be rewound (kept in the log, marked rewound):&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;⚠ External effects are not undone.&lt;/b&gt; What these steps did outside the orchestrator (calls to other systems, devices configured, messages sent) stays done; only the process state is rewound, and subscriptions they changed get a new version restoring what they were before.&lt;/p&gt;&lt;p&gt;%n steps will be rewound (kept in the log, marked rewound):&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::SchedulesView</name>
    <message numerus="yes">
        <source>%n missed</source>
        <translation>
            <numerusform>%n missed</numerusform>
            <numerusform>%n missed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::SettingsPage</name>
    <message numerus="yes">
        <source>Applies at the next start (this computer has %n core(s)).</source>
        <translation>
            <numerusform>Applies at the next start (this computer has %n core).</numerusform>
            <numerusform>Applies at the next start (this computer has %n cores).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>RUNNING — %n process(es) running</source>
        <translation>
            <numerusform>RUNNING — %n process running</numerusform>
            <numerusform>RUNNING — %n processes running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PAUSING — %n process(es) finishing their step</source>
        <translation>
            <numerusform>PAUSING — %n process finishing their step</numerusform>
            <numerusform>PAUSING — %n processes finishing their step</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Pause the engine? New and retried processes wait, on every engine sharing this database; running ones stop after their current step (%n running now). Nothing runs until someone resumes it.</source>
        <translation>
            <numerusform>Pause the engine? New and retried processes wait, on every engine sharing this database; running ones stop after their current step (%n running now). Nothing runs until someone resumes it.</numerusform>
            <numerusform>Pause the engine? New and retried processes wait, on every engine sharing this database; running ones stop after their current step (%n running now). Nothing runs until someone resumes it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::StartPage</name>
    <message numerus="yes">
        <source>%n active</source>
        <translation>
            <numerusform>%n active</numerusform>
            <numerusform>%n active</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::SubscriptionsPage</name>
    <message numerus="yes">
        <source>%n subscription(s)</source>
        <translation>
            <numerusform>%n subscription</numerusform>
            <numerusform>%n subscriptions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Start a workflow on %n selected subscription(s)…</source>
        <translation>
            <numerusform>Start a workflow on %n selected subscription…</numerusform>
            <numerusform>Start a workflow on %n selected subscriptions…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>%n row written to %1</numerusform>
            <numerusform>%n rows written to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::TasksPage</name>
    <message numerus="yes">
        <source>Retry %n failed task(s)?</source>
        <translation>
            <numerusform>Retry %n failed task?</numerusform>
            <numerusform>Retry %n failed tasks?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n task(s) could not be retried:</source>
        <translation>
            <numerusform>%n task could not be retried:</numerusform>
            <numerusform>%n tasks could not be retried:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::ctl::BulkCommands</name>
    <message numerus="yes">
        <source>%n process(es) queued.</source>
        <translation>
            <numerusform>%n process queued.</numerusform>
            <numerusform>%n processes queued.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrying %n process(es).</source>
        <translation>
            <numerusform>Retrying %n process.</numerusform>
            <numerusform>Retrying %n processes.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n matching subscription(s) can run %2.</source>
        <translation>
            <numerusform>%1 of %n matching subscription can run %2.</numerusform>
            <numerusform>%1 of %n matching subscriptions can run %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Start %n process(es)? [y/N] </source>
        <translation>
            <numerusform>Start %n process? [y/N] </numerusform>
            <numerusform>Start %n processes? [y/N] </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Started %n process(es).</source>
        <translation>
            <numerusform>Started %n process.</numerusform>
            <numerusform>Started %n processes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::ctl::EngineCommands</name>
    <message numerus="yes">
        <source>Engine: %1 (%n running process(es))</source>
        <translation>
            <numerusform>Engine: %1 (%n running process)</numerusform>
            <numerusform>Engine: %1 (%n running processes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Database %1 is ready (schema version %2); %n workflow(s) registered.</source>
        <translation>
            <numerusform>Database %1 is ready (schema version %2); %n workflow registered.</numerusform>
            <numerusform>Database %1 is ready (schema version %2); %n workflows registered.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::ctl::WorkerCommand</name>
    <message numerus="yes">
        <source>engine %1, %n process(es) running</source>
        <translation>
            <numerusform>engine %1, %n process running</numerusform>
            <numerusform>engine %1, %n processes running</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>engine %1 on %2 with %n thread(s); stop it with SIGINT or SIGTERM</source>
        <translation>
            <numerusform>engine %1 on %2 with %n thread; stop it with SIGINT or SIGTERM</numerusform>
            <numerusform>engine %1 on %2 with %n threads; stop it with SIGINT or SIGTERM</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::forms::Field</name>
    <message numerus="yes">
        <source>Enter at least %n character(s).</source>
        <translation>
            <numerusform>Enter at least %n character.</numerusform>
            <numerusform>Enter at least %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Enter at most %n character(s).</source>
        <translation>
            <numerusform>Enter at most %n character.</numerusform>
            <numerusform>Enter at most %n characters.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give at least %n item(s).</source>
        <translation>
            <numerusform>Give at least %n item.</numerusform>
            <numerusform>Give at least %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Give at most %n item(s).</source>
        <translation>
            <numerusform>Give at most %n item.</numerusform>
            <numerusform>Give at most %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The value is too long: at most %n character(s) are accepted.</source>
        <translation>
            <numerusform>The value is too long: at most %n character is accepted.</numerusform>
            <numerusform>The value is too long: at most %n characters are accepted.</numerusform>
        </translation>
    </message>
</context>
</TS>
