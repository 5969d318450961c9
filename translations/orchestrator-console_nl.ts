<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="nl" sourcelanguage="en">
<context>
    <name>main</name>
    <message>
        <location filename="../app/console/main.cpp" line="+52"/>
        <location line="+27"/>
        <source>Orchestrator Console</source>
        <translation>Orchestrator Console</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Manage customer subscriptions by running workflows.</source>
        <translation>Beheer klantabonnementen met workflows.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database URL.</source>
        <translation>Database-URL.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the form gallery instead of the console.</source>
        <translation>De formuliergalerij tonen in plaats van de console.</translation>
    </message>
</context>
<context>
    <name>wfo::Actions</name>
    <message>
        <location filename="../engine/core/actions.cpp" line="+98"/>
        <location line="+73"/>
        <source>There is no process &apos;%1&apos;.</source>
        <translation>Er is geen proces &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>The form needs more input: page %1 (%2).</source>
        <translation>Het formulier heeft meer invoer nodig: pagina %1 (%2).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The input is not valid.</source>
        <translation>De invoer is niet geldig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The form could not be built: %1</source>
        <translation>Het formulier kon niet worden opgebouwd: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+71"/>
        <location line="+315"/>
        <location filename="../engine/core/bulkactions.cpp" line="+141"/>
        <source>There is no workflow &apos;%1&apos;.</source>
        <translation>Er is geen workflow &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="-348"/>
        <source>The process does not wait for input.</source>
        <translation>Het proces wacht niet op invoer.</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Process %1 is %2 and cannot be resumed; only suspended, waiting, failed, api_unavailable, inconsistent_data or awaiting_callback processes can.</source>
        <translation>Proces %1 is %2 en kan niet worden hervat; dat kan alleen bij processen die suspended, waiting, failed, api_unavailable, inconsistent_data of awaiting_callback zijn.</translation>
    </message>
    <message>
        <location line="-167"/>
        <source>The workflow &apos;%1&apos; is not known to this engine.</source>
        <translation>De workflow &apos;%1&apos; is onbekend bij deze engine.</translation>
    </message>
    <message>
        <location line="+174"/>
        <source>Process %1 awaits a callback at its route (%2); it goes on when the external system calls back. Abort it, or let it time out and retry it.</source>
        <translation>Proces %1 wacht op een callback op zijn route (%2); het gaat verder wanneer het externe systeem terugroept. Breek het af, of laat het verlopen en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <location line="+36"/>
        <location filename="../engine/core/bulkactions.cpp" line="+132"/>
        <location filename="../engine/core/rewindactions.cpp" line="+138"/>
        <location line="+64"/>
        <source>Process %1 changed meanwhile; look again.</source>
        <translation>Proces %1 is intussen gewijzigd; kijk opnieuw.</translation>
    </message>
    <message>
        <location line="+26"/>
        <location filename="../engine/core/bulkactions.cpp" line="+38"/>
        <source>Process %1 is %2 already.</source>
        <translation>Proces %1 is al %2.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Process %1 is running; abort it first.</source>
        <translation>Proces %1 is bezig; breek het eerst af.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Process %1 is a workflow&apos;s process, part of its subscriptions&apos; history; only task processes can be deleted.</source>
        <translation>Proces %1 is het proces van een workflow en hoort bij de geschiedenis van zijn abonnementen; alleen processen van taken kunnen worden verwijderd.</translation>
    </message>
    <message>
        <location filename="../engine/core/rewindactions.cpp" line="-159"/>
        <source>Process %1 is %2 and cannot be reset; only a process that is not running and not completed or aborted can be (suspended, waiting, failed, api_unavailable, inconsistent_data or awaiting_callback).</source>
        <translation>Proces %1 is %2 en kan niet worden teruggezet; alleen een proces dat niet loopt en niet voltooid of afgebroken is kan dat (suspended, waiting, failed, api_unavailable, inconsistent_data of awaiting_callback).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Workflow %1 has no step %2; its steps are numbered 1 to %3.</source>
        <translation>Workflow %1 heeft geen stap %2; de stappen zijn genummerd van 1 tot %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Workflow %1 has no step &apos;%2&apos;.</source>
        <translation>Workflow %1 heeft geen stap &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Step %1 &apos;%2&apos; has not run yet: process %3 stopped at step %4 &apos;%5&apos;.</source>
        <translation>Stap %1 &apos;%2&apos; is nog niet uitgevoerd: proces %3 stopte bij stap %4 &apos;%5&apos;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Process %1 started before this database kept initial states, so its state cannot be rebuilt; it cannot be reset.</source>
        <translation>Proces %1 is gestart voordat deze database begintoestanden bewaarde, dus zijn toestand kan niet opnieuw worden opgebouwd; het kan niet worden teruggezet.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Process %1 has nothing to rewind from step %2.</source>
        <translation>Proces %1 heeft vanaf stap %2 niets om terug te draaien.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Skipping a step needs a reason.</source>
        <translation>Een stap overslaan vraagt om een reden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Process %1 is %2; only the step of a failed, waiting, api_unavailable or inconsistent_data process can be skipped.</source>
        <translation>Proces %1 is %2; alleen de stap van een proces dat failed, waiting, api_unavailable of inconsistent_data is kan worden overgeslagen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Process %1 has no step left to skip.</source>
        <translation>Proces %1 heeft geen stap meer om over te slaan.</translation>
    </message>
    <message>
        <location filename="../engine/core/actions.cpp" line="+101"/>
        <source>There is a schedule &apos;%1&apos; already; change it with &apos;set&apos;.</source>
        <translation>Er is al een schema &apos;%1&apos;; wijzig het met &apos;set&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+60"/>
        <source>There is no schedule &apos;%1&apos;.</source>
        <translation>Er is geen schema &apos;%1&apos;.</translation>
    </message>
    <message>
        <location filename="../engine/core/bulkactions.cpp" line="-133"/>
        <source>The workflow&apos;s form needs answers that were not given.</source>
        <translation>Het formulier van de workflow heeft antwoorden nodig die niet gegeven zijn.</translation>
    </message>
    <message>
        <location line="+53"/>
        <location line="+74"/>
        <source>There is no process %1.</source>
        <translation>Er is geen proces %1.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Process %1 is %2; only failed, waiting, api_unavailable, inconsistent_data or awaiting_callback processes are retried.</source>
        <translation>Proces %1 is %2; alleen processen die failed, waiting, api_unavailable, inconsistent_data of awaiting_callback zijn worden opnieuw geprobeerd.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Process %1 runs workflow &apos;%2&apos;, which is not installed here.</source>
        <translation>Proces %1 voert workflow &apos;%2&apos; uit, die hier niet geïnstalleerd is.</translation>
    </message>
    <message>
        <location filename="../engine/core/callbackactions.cpp" line="+43"/>
        <source>Process %1 is %2, not awaiting a callback; a callback is taken once, while the process awaits it.</source>
        <translation>Proces %1 is %2 en wacht niet op een callback; een callback wordt één keer aangenomen, zolang het proces erop wacht.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The callback token is not valid for process %1.</source>
        <translation>Het callback-token is niet geldig voor proces %1.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The callback&apos;s body must be a JSON object.</source>
        <translation>De inhoud van de callback moet een JSON-object zijn.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Process %1 is no longer awaiting a callback; a callback is taken once.</source>
        <translation>Proces %1 wacht niet meer op een callback; een callback wordt één keer aangenomen.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Process %1 is no longer awaiting a callback.</source>
        <translation>Proces %1 wacht niet meer op een callback.</translation>
    </message>
    <message>
        <location filename="../engine/core/editactions.cpp" line="+33"/>
        <source>A note holds at most %1 characters; this one has %2.</source>
        <translation>Een notitie bevat hoogstens %1 tekens; deze heeft er %2.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>There is no subscription &apos;%1&apos;.</source>
        <translation>Er is geen abonnement &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Subscription %1 has processes that are neither completed nor aborted: %2. Finish or abort them before setting it in sync.</source>
        <translation>Abonnement %1 heeft processen die voltooid noch afgebroken zijn: %2. Rond ze af of breek ze af voordat u het in sync zet.</translation>
    </message>
    <message>
        <location filename="../engine/core/tokenactions.cpp" line="+44"/>
        <source>A token needs the operator it acts as.</source>
        <translation>Een token heeft de operator nodig namens wie het handelt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A token expires after one day or more, or never (0 days).</source>
        <translation>Een token verloopt na één dag of meer, of nooit (0 dagen).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no operator &apos;%1&apos;; add the operator before giving it a token.</source>
        <translation>Er is geen operator &apos;%1&apos;; voeg de operator toe voordat u hem een token geeft.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>There is no token &apos;%1&apos;.</source>
        <translation>Er is geen token &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Token &apos;%1&apos; was revoked already, at %2 by %3.</source>
        <translation>Token &apos;%1&apos; is al ingetrokken, op %2 door %3.</translation>
    </message>
</context>
<context>
    <name>wfo::Callbacks</name>
    <message>
        <location filename="../engine/core/callbacks.cpp" line="+84"/>
        <source>No callback within 1 minute.</source>
        <translation>Geen callback binnen 1 minuut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No callback within %1 minutes.</source>
        <translation>Geen callback binnen %1 minuten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No callback within 1 second.</source>
        <translation>Geen callback binnen 1 seconde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No callback within %1 seconds.</source>
        <translation>Geen callback binnen %1 seconden.</translation>
    </message>
</context>
<context>
    <name>wfo::ConstraintSettings</name>
    <message>
        <location filename="../engine/domain/constraintsettings.cpp" line="+65"/>
        <source>WF_USABLE_MAP must map workflow names to lists of statuses.</source>
        <translation>WF_USABLE_MAP moet workflownamen koppelen aan lijsten van statussen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WF_USABLE_MAP: the statuses of &apos;%1&apos; are not a list.</source>
        <translation>WF_USABLE_MAP: de statussen van &apos;%1&apos; zijn geen lijst.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS must map workflow names to true or false.</source>
        <translation>WF_BLOCKED_BY_IN_USE_BY_SUBSCRIPTIONS moet workflownamen koppelen aan true of false.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>WF_USABLE_WHILE_OUT_OF_SYNC must be a list of workflow names.</source>
        <translation>WF_USABLE_WHILE_OUT_OF_SYNC moet een lijst van workflownamen zijn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>DEFAULT_PRODUCT_WORKFLOWS must be a list of workflow names.</source>
        <translation>DEFAULT_PRODUCT_WORKFLOWS moet een lijst van workflownamen zijn.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cannot read the settings file &apos;%1&apos;: %2</source>
        <translation>Kan het instellingenbestand &apos;%1&apos; niet lezen: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The settings file &apos;%1&apos; is not a JSON object (%2 at offset %3); it was ignored.</source>
        <translation>Het instellingenbestand &apos;%1&apos; is geen JSON-object (%2 op positie %3); het is genegeerd.</translation>
    </message>
</context>
<context>
    <name>wfo::DomainExtension</name>
    <message>
        <location filename="../engine/domain/domainextension.cpp" line="+60"/>
        <source>The workflow &apos;%1&apos; is not linked to any product.</source>
        <translation>De workflow &apos;%1&apos; is aan geen enkel product gekoppeld.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the product for &apos;%1&apos;: %2.</source>
        <translation>Kies het product voor &apos;%1&apos;: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>There is no product &apos;%1&apos;.</source>
        <translation>Er is geen product &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The workflow &apos;%1&apos; is not available for product &apos;%2&apos;.</source>
        <translation>De workflow &apos;%1&apos; is niet beschikbaar voor product &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The workflow &apos;%1&apos; runs on a subscription; say which.</source>
        <translation>De workflow &apos;%1&apos; werkt op een abonnement; geef aan welk.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The subscription cannot be %1: resource &apos;%2&apos; of block &apos;%3&apos; has no value.</source>
        <translation>Het abonnement kan niet %1 worden: resource &apos;%2&apos; van blok &apos;%3&apos; heeft geen waarde.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&apos;%1&apos; is not a subscription status; use one of %2.</source>
        <translation>&apos;%1&apos; is geen abonnementsstatus; gebruik een van %2.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The subscription cannot be terminated: it is in use by %1.</source>
        <translation>Het abonnement kan niet worden beëindigd: het is in gebruik door %1.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>The reset would remove subscription %1, which a rewound step created, but other subscriptions use it.</source>
        <translation>Het terugzetten zou abonnement %1 verwijderen, dat een teruggedraaide stap heeft gemaakt, maar andere abonnementen gebruiken het.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The reset would remove subscription %1, which a rewound step created, but process %2 also works on it.</source>
        <translation>Het terugzetten zou abonnement %1 verwijderen, dat een teruggedraaide stap heeft gemaakt, maar proces %2 werkt er ook aan.</translation>
    </message>
</context>
<context>
    <name>wfo::Installation</name>
    <message>
        <location filename="../engine/services/installation.cpp" line="+35"/>
        <source>The pack folder &apos;%1&apos; in WFO_PACK_PATH is relative; it was ignored. Give absolute paths.</source>
        <translation>De pakketmap &apos;%1&apos; in WFO_PACK_PATH is relatief; ze is genegeerd. Geef absolute paden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The pack folder &apos;%1&apos; may be written by every user; it was ignored. Make it writable by its owner only (chmod o-w).</source>
        <translation>In de pakketmap &apos;%1&apos; mag elke gebruiker schrijven; ze is genegeerd. Maak haar alleen schrijfbaar voor de eigenaar (chmod o-w).</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+21"/>
        <source>Cannot load the product pack &apos;%1&apos;: %2</source>
        <translation>Kan het productpakket &apos;%1&apos; niet laden: %2</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>it is not a Qt plugin</source>
        <translation>het is geen Qt-plug-in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>it is not a product pack (%1)</source>
        <translation>het is geen productpakket (%1)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>it is not a product pack</source>
        <translation>het is geen productpakket</translation>
    </message>
</context>
<context>
    <name>wfo::Lifecycle</name>
    <message>
        <location filename="../engine/base/lifecycle.cpp" line="+48"/>
        <source>Initial</source>
        <translation>Initieel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Provisioning</source>
        <translation>In aanleg</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Migrating</source>
        <translation>In migratie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disabled</source>
        <translation>Uitgeschakeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminated</source>
        <translation>Beëindigd</translation>
    </message>
</context>
<context>
    <name>wfo::Permission</name>
    <message>
        <location filename="../engine/base/permissions.cpp" line="+81"/>
        <source>start workflows</source>
        <translation>workflows starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resume or retry processes</source>
        <translation>processen hervatten of opnieuw proberen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>abort processes</source>
        <translation>processen afbreken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reset processes</source>
        <translation>processen terugzetten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set notes</source>
        <translation>notities vastleggen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>set subscriptions in sync</source>
        <translation>abonnementen in sync zetten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>skip steps</source>
        <translation>stappen overslaan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>delete task processes</source>
        <translation>taakprocessen verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pause and resume the engine</source>
        <translation>de engine pauzeren en hervatten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>edit schedules</source>
        <translation>planningen bewerken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manage operators</source>
        <translation>operators beheren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>edit settings</source>
        <translation>instellingen bewerken</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 may not %2: that needs the %3 role, and %1 is %4.</source>
        <translation>%1 mag niet %2: daarvoor is de rol %3 nodig, en %1 is %4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is not an enabled operator of this database, so may not %2 (it needs the %3 role); an admin can add you with &apos;orchestratorctl operators add %1 --role operator&apos;.</source>
        <translation>&apos;%1&apos; is geen actieve operator van deze database en mag dus niet %2 (daarvoor is de rol %3 nodig); een beheerder kan u toevoegen met &apos;orchestratorctl operators add %1 --role operator&apos;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This connection&apos;s database role may only read, so %1 may not %2 here; ask an admin for a role that may write (&apos;orchestratorctl operators grant-sql&apos;).</source>
        <translation>De databaserol van deze verbinding mag alleen lezen, dus %1 mag hier niet %2; vraag een beheerder om een rol die mag schrijven (&apos;orchestratorctl operators grant-sql&apos;).</translation>
    </message>
</context>
<context>
    <name>wfo::ProcessRunner</name>
    <message>
        <location filename="../engine/core/processrunner.cpp" line="+155"/>
        <source>The step failed with an unknown error.</source>
        <translation>De stap is mislukt met een onbekende fout.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Step &apos;%1&apos; cannot be part of the step group &apos;%2&apos;.</source>
        <translation>Stap &apos;%1&apos; kan geen deel uitmaken van de stappengroep &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Step &apos;%1&apos; of the group failed: %2</source>
        <translation>Stap &apos;%1&apos; van de groep is mislukt: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Step &apos;%1&apos; of the callback step failed: %2</source>
        <translation>Stap &apos;%1&apos; van de callbackstap is mislukt: %2</translation>
    </message>
    <message>
        <location line="+129"/>
        <source>The step&apos;s changes could not be stored: %1</source>
        <translation>De wijzigingen van de stap konden niet worden opgeslagen: %1</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The workflow &apos;%1&apos; is not known to this engine; install the product pack that provides it.</source>
        <translation>De workflow &apos;%1&apos; is onbekend bij deze engine; installeer het productpakket dat hem levert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Unknown step</source>
        <translation>Onbekende stap</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The process&apos;s next step (number %1, &apos;%2&apos;) is not a step of the workflow &apos;%3&apos;: the workflow changed since the process started, or the process row is damaged.</source>
        <translation>De volgende stap van het proces (nummer %1, &apos;%2&apos;) is geen stap van workflow &apos;%3&apos;: de workflow is veranderd sinds het proces begon, of de rij van het proces is beschadigd.</translation>
    </message>
</context>
<context>
    <name>wfo::ProcessStatus</name>
    <message>
        <location filename="../engine/base/status.cpp" line="+142"/>
        <source>Created</source>
        <translation>Aangemaakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Suspended</source>
        <translation>Opgeschort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Awaiting callback</source>
        <translation>Wacht op callback</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aborted</source>
        <translation>Afgebroken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>API unavailable</source>
        <translation>API niet beschikbaar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Inconsistent data</source>
        <translation>Inconsistente gegevens</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completed</source>
        <translation>Voltooid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resumed</source>
        <translation>Hervat</translation>
    </message>
</context>
<context>
    <name>wfo::Role</name>
    <message>
        <location filename="../engine/base/permissions.cpp" line="-117"/>
        <source>viewer</source>
        <translation>kijker</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>operator</source>
        <translation>operator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>admin</source>
        <translation>beheerder</translation>
    </message>
</context>
<context>
    <name>wfo::Scheduler</name>
    <message>
        <location filename="../engine/core/scheduler.cpp" line="+35"/>
        <source>Unknown trigger kind &apos;%1&apos;.</source>
        <translation>Onbekend soort trigger &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>wfo::StepContext</name>
    <message>
        <location filename="../engine/core/state.cpp" line="+97"/>
        <source>The state has no value &apos;%1&apos;.</source>
        <translation>De toestand heeft geen waarde &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The state value &apos;%1&apos; is not a %2.</source>
        <translation>De toestandswaarde &apos;%1&apos; is geen %2.</translation>
    </message>
</context>
<context>
    <name>wfo::WorkflowConstraints</name>
    <message>
        <location filename="../engine/domain/workflowconstraints.cpp" line="+46"/>
        <source>The subscription is not in sync: a workflow changed it and did not finish. Finish or validate it first.</source>
        <translation>Het abonnement is niet in sync: een workflow heeft het gewijzigd en is niet afgerond. Rond die eerst af of valideer het abonnement.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A related subscription is not in sync: %1.</source>
        <translation>Een gerelateerd abonnement is niet in sync: %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This workflow can only run on a subscription that is %1; this one is %2.</source>
        <translation>Deze workflow kan alleen draaien op een abonnement dat %1 is; dit abonnement is %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> or </source>
        <translation> of </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The subscription is in use by %1, which is not terminated.</source>
        <translation>Het abonnement is in gebruik door %1, dat niet is beëindigd.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The workflow is not installed in this program.</source>
        <translation>De workflow is niet geïnstalleerd in dit programma.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>There is no subscription &apos;%1&apos;.</source>
        <translation>Er is geen abonnement &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The workflow &apos;%1&apos; is not installed in this program.</source>
        <translation>De workflow &apos;%1&apos; is niet geïnstalleerd in dit programma.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The workflow &apos;%1&apos; is not available for product &apos;%2&apos;.</source>
        <translation>De workflow &apos;%1&apos; is niet beschikbaar voor product &apos;%2&apos;.</translation>
    </message>
</context>
<context>
    <name>wfo::api::ApSchedulerTrigger</name>
    <message>
        <location filename="../api/apschedulertrigger.cpp" line="+95"/>
        <source>&apos;%1&apos; is not supported for %2 schedules; use %3.</source>
        <translation>&apos;%1&apos; wordt niet ondersteund voor %2-schema&apos;s; gebruik %3.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&apos;timezone&apos; must be a time zone name such as &apos;Europe/Amsterdam&apos;.</source>
        <translation>&apos;timezone&apos; moet de naam van een tijdzone zijn, zoals &apos;Europe/Amsterdam&apos;.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Schedules run at whole minutes: &apos;second&apos; can only be 0.</source>
        <translation>Schema&apos;s lopen op hele minuten: &apos;second&apos; kan alleen 0 zijn.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&apos;%1&apos; must be a whole number or cron text such as &apos;*/5&apos;.</source>
        <translation>&apos;%1&apos; moet een geheel getal zijn of crontekst zoals &apos;*/5&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A cron schedule needs at least one of minute, hour, day, month and day_of_week.</source>
        <translation>Een cron-schema heeft minstens een van minute, hour, day, month en day_of_week nodig.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>&apos;%1&apos; must be a number of zero or more.</source>
        <translation>&apos;%1&apos; moet een getal van nul of meer zijn.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>A date schedule needs &apos;run_date&apos;, e.g. &apos;2026-12-24T18:00:00&apos;.</source>
        <translation>Een datumschema heeft &apos;run_date&apos; nodig, bijvoorbeeld &apos;2026-12-24T18:00:00&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;trigger&apos; must be one of interval, cron and date.</source>
        <translation>&apos;trigger&apos; moet interval, cron of date zijn.</translation>
    </message>
</context>
<context>
    <name>wfo::api::ApiServer</name>
    <message>
        <location filename="../api/apiserver.cpp" line="+46"/>
        <source>Input should be a valid UUID</source>
        <translation>De invoer moet een geldige UUID zijn</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The body is not valid JSON: %1 (at offset %2).</source>
        <translation>De body is geen geldige JSON: %1 (op positie %2).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The body must be a JSON list of form inputs, one object per page.</source>
        <translation>De body moet een JSON-lijst met formulierinvoer zijn, één object per pagina.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every item of the list must be a JSON object (one per page).</source>
        <translation>Elk element van de lijst moet een JSON-object zijn (één per pagina).</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>HTTPS needs both a certificate file and a key file.</source>
        <translation>HTTPS heeft zowel een certificaatbestand als een sleutelbestand nodig.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>HTTPS is not available: no TLS library could be loaded (%1).</source>
        <translation>HTTPS is niet beschikbaar: er kon geen TLS-bibliotheek worden geladen (%1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; holds no PEM certificate.</source>
        <translation>&apos;%1&apos; bevat geen PEM-certificaat.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot read the key file &apos;%1&apos;: %2</source>
        <translation>Kan het sleutelbestand &apos;%1&apos; niet lezen: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;%1&apos; holds no unencrypted PEM private key (RSA, EC or DSA).</source>
        <translation>&apos;%1&apos; bevat geen onversleutelde private PEM-sleutel (RSA, EC of DSA).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>This build has no TLS support.</source>
        <translation>Deze build heeft geen TLS-ondersteuning.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Listening on %1 needs HTTPS: give a certificate and a key file, or listen on the loopback address (127.0.0.1).</source>
        <translation>Luisteren op %1 vraagt om HTTPS: geef een certificaat- en een sleutelbestand, of luister op het loopback-adres (127.0.0.1).</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cannot listen on %1 port %2: %3</source>
        <translation>Kan niet luisteren op %1 poort %2: %3</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The token %1 was revoked.</source>
        <translation>Het token %1 is ingetrokken.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token %1 has expired.</source>
        <translation>Het token %1 is verlopen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The bearer token is not known.</source>
        <translation>Het bearer-token is onbekend.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The body is larger than %1 bytes.</source>
        <translation>De body is groter dan %1 bytes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>There is no route %1.</source>
        <translation>Er is geen route %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is not allowed on %2.</source>
        <translation>%1 is niet toegestaan op %2.</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>A valid bearer token is needed (Authorization: Bearer TOKEN).</source>
        <translation>Een geldig bearer-token is nodig (Authorization: Bearer TOKEN).</translation>
    </message>
    <message>
        <location filename="../api/generalroutes.cpp" line="+70"/>
        <source>The body must be a JSON object {&quot;global_lock&quot;: true|false}.</source>
        <translation>De body moet een JSON-object {&quot;global_lock&quot;: true|false} zijn.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>limit must be a number from 1 to 10000.</source>
        <translation>limit moet een getal van 1 tot 10000 zijn.</translation>
    </message>
    <message>
        <location filename="../api/processroutes.cpp" line="+75"/>
        <source>Invalid number of filter arguments</source>
        <translation>Ongeldig aantal filterargumenten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Unknown process status &apos;%1&apos;</source>
        <translation>Onbekende processtatus &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>istask must be true or false</source>
        <translation>istask moet true of false zijn</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Invalid filter &apos;%1&apos;; known: status, istask, workflowName, creator</source>
        <translation>Ongeldig filter &apos;%1&apos;; bekend: status, istask, workflowName, creator</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>sort must be &apos;FIELD[,asc|desc]&apos; with FIELD one of lastModifiedAt, startedAt, workflowName, lastStatus, creator</source>
        <translation>sort moet &apos;VELD[,asc|desc]&apos; zijn met VELD een van lastModifiedAt, startedAt, workflowName, lastStatus, creator</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../api/subscriptionroutes.cpp" line="+88"/>
        <source>range must be &apos;START,END&apos; with 0 &lt;= START &lt; END and at most 1000 rows</source>
        <translation>range moet &apos;START,END&apos; zijn met 0 &lt;= START &lt; END en hoogstens 1000 rijen</translation>
    </message>
    <message>
        <location line="+85"/>
        <location line="+99"/>
        <source>There is no process &apos;%1&apos;.</source>
        <translation>Er is geen proces &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>The body must be {&quot;note&quot;: TEXT} (null or &quot;&quot; removes the note).</source>
        <translation>De inhoud moet {&quot;note&quot;: TEKST} zijn (null of &quot;&quot; verwijdert de notitie).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The body must be {&quot;to_step&quot;: NUMBER (1 is the first step) or NAME}.</source>
        <translation>De inhoud moet {&quot;to_step&quot;: GETAL (1 is de eerste stap) of NAAM} zijn.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The body must be {&quot;reason&quot;: TEXT}: a skip needs its reason.</source>
        <translation>De inhoud moet {&quot;reason&quot;: TEKST} zijn: overslaan vraagt om een reden.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Only tasks can be deleted; abort a workflow instead.</source>
        <translation>Alleen taken kunnen worden verwijderd; breek een workflow in plaats daarvan af.</translation>
    </message>
    <message>
        <location filename="../api/startroute.cpp" line="+28"/>
        <location line="+2"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+2"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location filename="../api/bulkroutes.cpp" line="+32"/>
        <source>Give either &apos;subscription_ids&apos; (a list) or &apos;query&apos; (a search).</source>
        <translation>Geef &apos;subscription_ids&apos; (een lijst) of &apos;query&apos; (een zoekvraag), niet allebei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;query&apos; must be a non-empty search.</source>
        <translation>&apos;query&apos; moet een niet-lege zoekvraag zijn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;subscription_ids&apos; must be a non-empty list of UUIDs.</source>
        <translation>&apos;subscription_ids&apos; moet een niet-lege lijst van UUID&apos;s zijn.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; in &apos;subscription_ids&apos; is not a UUID.</source>
        <translation>&apos;%1&apos; in &apos;subscription_ids&apos; is geen UUID.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&apos;dry_run&apos; must be true or false and &apos;input&apos; an object.</source>
        <translation>&apos;dry_run&apos; moet true of false zijn en &apos;input&apos; een object.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../api/startroute.cpp" line="+24"/>
        <source>Workflow &apos;%1&apos; does not exist.</source>
        <translation>Workflow &apos;%1&apos; bestaat niet.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No subscription matches the selection.</source>
        <translation>Geen enkel abonnement past bij de selectie.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+21"/>
        <source>Bulk operation %1 not found</source>
        <translation>Bulkbewerking %1 niet gevonden</translation>
    </message>
    <message>
        <location filename="../api/startroute.cpp" line="+14"/>
        <source>Input should be a valid UUID or name.</source>
        <translation>De invoer moet een geldige UUID of naam zijn.</translation>
    </message>
    <message>
        <location filename="../api/subscriptionroutes.cpp" line="-58"/>
        <location line="+19"/>
        <source>Subscription with id: %1, not found</source>
        <translation>Abonnement met id %1 niet gevonden</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Max query length of %1 characters exceeded.</source>
        <translation>De zoekvraag is langer dan %1 tekens.</translation>
    </message>
    <message>
        <location filename="../api/callbackroutes.cpp" line="+28"/>
        <source>The body is empty; send a JSON object.</source>
        <translation>De inhoud is leeg; stuur een JSON-object.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The body is not valid JSON: %1.</source>
        <translation>De inhoud is geen geldige JSON: %1.</translation>
    </message>
    <message>
        <location filename="../api/apiserver.cpp" line="-224"/>
        <location filename="../api/callbackroutes.cpp" line="+5"/>
        <source>The body must be a JSON object.</source>
        <translation>De inhoud moet een JSON-object zijn.</translation>
    </message>
    <message>
        <location filename="../api/eventstream.cpp" line="+102"/>
        <source>There is no WebSocket at %1; events are at %2.</source>
        <translation>Er is geen WebSocket op %1; gebeurtenissen staan op %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not authenticated.</source>
        <translation>Niet geauthenticeerd.</translation>
    </message>
    <message>
        <location filename="../api/scheduleroutes.cpp" line="+62"/>
        <source>&apos;trigger_kwargs&apos; needs &apos;trigger&apos;.</source>
        <translation>&apos;trigger_kwargs&apos; heeft &apos;trigger&apos; nodig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;trigger&apos; must be one of interval, cron and date, and &apos;trigger_kwargs&apos; an object.</source>
        <translation>&apos;trigger&apos; moet interval, cron of date zijn, en &apos;trigger_kwargs&apos; een object.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&apos;%1&apos; must be text.</source>
        <translation>&apos;%1&apos; moet tekst zijn.</translation>
    </message>
    <message>
        <location line="+47"/>
        <location line="+86"/>
        <location line="+23"/>
        <source>Schedule does not exist: %1</source>
        <translation>Schema bestaat niet: %1</translation>
    </message>
    <message>
        <location line="-91"/>
        <source>&apos;workflow_name&apos; is required.</source>
        <translation>&apos;workflow_name&apos; is verplicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;trigger&apos; is required: interval, cron or date.</source>
        <translation>&apos;trigger&apos; is verplicht: interval, cron of date.</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>&apos;enabled&apos; must be true or false.</source>
        <translation>&apos;enabled&apos; moet true of false zijn.</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+25"/>
        <source>Task does not exist</source>
        <translation>Taak bestaat niet</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Schedule created</source>
        <translation>Schema aangemaakt</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+19"/>
        <source>&apos;schedule_id&apos; is required.</source>
        <translation>&apos;schedule_id&apos; is verplicht.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Schedule updated</source>
        <translation>Schema gewijzigd</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Schedule deleted</source>
        <translation>Schema verwijderd</translation>
    </message>
</context>
<context>
    <name>wfo::api::Outcomes</name>
    <message>
        <location filename="../api/outcomes.cpp" line="+27"/>
        <source>The form needs more input: %1</source>
        <translation>Het formulier heeft meer invoer nodig: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n validation error(s): %1</source>
        <translation>
            <numerusform>%n validatiefout: %1</numerusform>
            <numerusform>%n validatiefouten: %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The action failed.</source>
        <translation>De actie is mislukt.</translation>
    </message>
</context>
<context>
    <name>wfo::api::TokenFile</name>
    <message>
        <location filename="../api/tokenfile.cpp" line="+33"/>
        <source>Cannot read the token file %1: %2</source>
        <translation>Kan het tokenbestand %1 niet lezen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The token file %1 may be read by anyone; make it private first (chmod 600 %1).</source>
        <translation>Het tokenbestand %1 is door iedereen te lezen; maak het eerst privé (chmod 600 %1).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Line %1 of the token file is not &apos;TOKEN OPERATOR_NAME&apos;.</source>
        <translation>Regel %1 van het tokenbestand is niet &apos;TOKEN OPERATORNAAM&apos;.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The token on line %1 is shorter than 16 characters; use a long random one (e.g. &apos;openssl rand -hex 32&apos;).</source>
        <translation>Het token op regel %1 is korter dan 16 tekens; gebruik een lang willekeurig token (bijv. &apos;openssl rand -hex 32&apos;).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The token file holds no token.</source>
        <translation>Het tokenbestand bevat geen token.</translation>
    </message>
</context>
<context>
    <name>wfo::builtins</name>
    <message>
        <location filename="../engine/services/builtinworkflows.cpp" line="+24"/>
        <source>This step needs the database.</source>
        <translation>Deze stap heeft de database nodig.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Workflow &apos;%1&apos; is in the database but not in the code.</source>
        <translation>Workflow &apos;%1&apos; staat in de database maar niet in de code.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Workflow &apos;%1&apos; has target %2 in the code and %3 in the database.</source>
        <translation>Workflow &apos;%1&apos; heeft target %2 in de code en %3 in de database.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Workflow &apos;%1&apos; is in the code but not in the database.</source>
        <translation>Workflow &apos;%1&apos; staat in de code maar niet in de database.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Product &apos;%1&apos; has no workflows.</source>
        <translation>Product &apos;%1&apos; heeft geen workflows.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Product &apos;%1&apos; has no create or no terminate workflow.</source>
        <translation>Product &apos;%1&apos; heeft geen create- of geen terminate-workflow.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The products do not validate:
%1</source>
        <translation>De producten zijn niet geldig:
%1</translation>
    </message>
</context>
<context>
    <name>wfo::console</name>
    <message>
        <location filename="../app/console/common/presentation.cpp" line="+127"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h %2 min</source>
        <translation>%1 u %2 min</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Success</source>
        <translation>Geslaagd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>Overgeslagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suspended</source>
        <translation>Opgeschort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Aborted</source>
        <translation>Afgebroken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete</source>
        <translation>Afgerond</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Create</source>
        <translation>Aanmaken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modify</source>
        <translation>Wijzigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terminate</source>
        <translation>Beëindigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System</source>
        <translation>Systeem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Validate</source>
        <translation>Valideren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reconcile</source>
        <translation>Afstemmen</translation>
    </message>
</context>
<context>
    <name>wfo::console::ApiPanel</name>
    <message>
        <location filename="../app/console/settings/apipanel.cpp" line="+31"/>
        <source>&amp;Serve the REST API on this computer</source>
        <translation>De REST-API op deze computer aan&amp;bieden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scripts and tools written for orchestrator-core&apos;s API reach this console&apos;s engine at http://127.0.0.1:PORT/api/.</source>
        <translation>Scripts en hulpmiddelen die voor de API van orchestrator-core geschreven zijn, bereiken de engine van deze console op http://127.0.0.1:POORT/api/.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API port</source>
        <translation>API-poort</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only this computer can reach it. Tokens: &apos;orchestratorctl tokens create&apos;. To serve other machines, use &apos;orchestratorctl serve&apos; with HTTPS.</source>
        <translation>Alleen deze computer kan haar bereiken. Tokens: &apos;orchestratorctl tokens create&apos;. Gebruik &apos;orchestratorctl serve&apos; met HTTPS om andere machines te bedienen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Port:</source>
        <translation>&amp;Poort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State:</source>
        <translation>Toestand:</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Not serving: %1</source>
        <translation>Niet aangeboden: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Serving %1</source>
        <translation>Aangeboden op %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Off</source>
        <translation>Uit</translation>
    </message>
</context>
<context>
    <name>wfo::console::AuditListModel</name>
    <message>
        <location filename="../app/console/audit/auditlistmodel.cpp" line="+35"/>
        <source>When</source>
        <translation>Wanneer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>Vanaf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Uitkomst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Detail</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>%1 on %2</source>
        <translation>%1 op %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>allowed</source>
        <translation>toegestaan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>refused</source>
        <translation>geweigerd</translation>
    </message>
</context>
<context>
    <name>wfo::console::AuditView</name>
    <message>
        <location filename="../app/console/audit/auditview.cpp" line="+30"/>
        <source>&amp;Since</source>
        <translation>&amp;Sinds</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Audit trail</source>
        <translation>Auditlogboek</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Since date</source>
        <translation>Datum vanaf</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+1"/>
        <source>Actor</source>
        <translation>Wie</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Target id</source>
        <translation>Id van het doel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action</source>
        <translation>Actie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every action</source>
        <translation>Elke actie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Allowed or refused</source>
        <translation>Toegestaan of geweigerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed and refused</source>
        <translation>Toegestaan en geweigerd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allowed only</source>
        <translation>Alleen toegestaan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused only</source>
        <translation>Alleen geweigerd</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Every operator action, allowed or refused, newest first. Nothing deletes these rows.</source>
        <translation>Elke actie van een operator, toegestaan of geweigerd, de nieuwste eerst. Niets verwijdert deze regels.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Cannot load the audit trail: %1</source>
        <translation>Het auditlogboek kan niet worden geladen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>%n newest entries shown; scroll for more.</source>
        <translation>
            <numerusform>De nieuwste %n regel getoond; scroll voor meer.</numerusform>
            <numerusform>De nieuwste %n regels getoond; scroll voor meer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n entries.</source>
        <translation>
            <numerusform>%n regel.</numerusform>
            <numerusform>%n regels.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::BulkProgressDialog</name>
    <message>
        <location filename="../app/console/subscriptions/bulkstartdialog.cpp" line="+169"/>
        <source>&amp;Cancel the rest…</source>
        <translation>De &amp;rest annuleren…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Abort the processes that have not come to rest yet</source>
        <translation>De processen afbreken die nog niet tot stilstand kwamen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Started %n process(es); they run in the background. Close this window at any time and open it again from the Subscriptions screen.</source>
        <translation>
            <numerusform>%n proces gestart; het loopt op de achtergrond. Sluit dit venster wanneer u wilt en open het weer vanuit het scherm Abonnementen.</numerusform>
            <numerusform>%n processen gestart; ze lopen op de achtergrond. Sluit dit venster wanneer u wilt en open het weer vanuit het scherm Abonnementen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot look at the processes: %1</source>
        <translation>Kan de processen niet bekijken: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Completed: %1 · failed or waiting: %2 · aborted: %3 · still running: %4</source>
        <translation>Voltooid: %1 · mislukt of wachtend: %2 · afgebroken: %3 · nog bezig: %4</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Cancel the rest</source>
        <translation>De rest annuleren</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Abort the %n process(es) that have not come to rest? They stop for good.</source>
        <translation>
            <numerusform>Het %n proces afbreken dat nog niet tot stilstand kwam? Het stopt definitief.</numerusform>
            <numerusform>De %n processen afbreken die nog niet tot stilstand kwamen? Ze stoppen definitief.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Abort them</source>
        <translation>Afbreken</translation>
    </message>
</context>
<context>
    <name>wfo::console::BulkStartDialog</name>
    <message>
        <location line="-213"/>
        <source>Start a workflow on many subscriptions</source>
        <translation>Een workflow op veel abonnementen starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Subscriptions that cannot run it</source>
        <translation>Abonnementen die haar niet kunnen uitvoeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why not</source>
        <translation>Waarom niet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Workflow:</source>
        <translation>&amp;Workflow:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Finding the subscriptions the search matches…</source>
        <translation>De abonnementen zoeken die bij de zoekvraag passen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot search: %1</source>
        <translation>Kan niet zoeken: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No subscription is chosen.</source>
        <translation>Er is geen abonnement gekozen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No workflow runs on subscriptions here.</source>
        <translation>Hier werkt geen workflow op abonnementen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Checking %n subscription(s)…</source>
        <translation>
            <numerusform>%n abonnement wordt gecontroleerd…</numerusform>
            <numerusform>%n abonnementen worden gecontroleerd…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%1 of %n subscription(s) can run it.</source>
        <translation>
            <numerusform>%1 van %n abonnement kan haar uitvoeren.</numerusform>
            <numerusform>%1 van %n abonnementen kunnen haar uitvoeren.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These cannot, and are left out:</source>
        <translation>Deze kunnen het niet en worden overgeslagen:</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>&amp;Start on %n subscription(s)</source>
        <translation>
            <numerusform>&amp;Starten op %n abonnement</numerusform>
            <numerusform>&amp;Starten op %n abonnementen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%1 on %n subscription(s)</source>
        <translation>
            <numerusform>%1 op %n abonnement</numerusform>
            <numerusform>%1 op %n abonnementen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing started: %1</source>
        <translation>Niets gestart: %1</translation>
    </message>
</context>
<context>
    <name>wfo::console::CommandPalette</name>
    <message>
        <location filename="../app/console/palette/commandpalette.cpp" line="+44"/>
        <location line="+4"/>
        <source>Go to</source>
        <translation>Ga naar</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Subscription, process id, workflow or screen (customer:acme, status:active …)</source>
        <translation>Abonnement, proces-id, workflow of scherm (customer:acme, status:active …)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Places to go to</source>
        <translation>Plaatsen om naartoe te gaan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter opens · ↑↓ choose · Esc closes</source>
        <translation>Enter opent · ↑↓ kiezen · Esc sluit</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Screen</source>
        <translation>Scherm</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Process</source>
        <translation>Proces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>%1, customer %2</source>
        <translation>%1, klant %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>wfo::console::ConnectionTester</name>
    <message>
        <location filename="../app/console/database/connectiontester.cpp" line="+54"/>
        <source>The file does not exist yet; a new database will be created there.</source>
        <translation>Het bestand bestaat nog niet; daar wordt een nieuwe database aangemaakt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The folder &apos;%1&apos; does not exist or cannot be written.</source>
        <translation>De map &apos;%1&apos; bestaat niet of is niet schrijfbaar.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Connected to the SQLite file.</source>
        <translation>Verbonden met het SQLite-bestand.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected to PostgreSQL %1 on %2.</source>
        <translation>Verbonden met PostgreSQL %1 op %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database is empty; it will be set up when the console opens it.</source>
        <translation>De database is leeg; de console richt hem in wanneer hij hem opent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database is empty; set it up once with &apos;orchestratorctl --db URL init&apos;.</source>
        <translation>De database is leeg; richt hem eenmalig in met &apos;orchestratorctl --db URL init&apos;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Schema version %1; it will be upgraded to %2 when the console opens it.</source>
        <translation>Schemaversie %1; die wordt bijgewerkt naar %2 wanneer de console de database opent.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schema version %1, this console needs %2: upgrade it with &apos;orchestratorctl --db URL init&apos;.</source>
        <translation>Schemaversie %1, deze console heeft %2 nodig: werk hem bij met &apos;orchestratorctl --db URL init&apos;.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Schema version %1 is newer than this console understands (%2).</source>
        <translation>Schemaversie %1 is nieuwer dan deze console begrijpt (%2).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Schema version %1, up to date.</source>
        <translation>Schemaversie %1, bijgewerkt.</translation>
    </message>
</context>
<context>
    <name>wfo::console::ConsoleSession</name>
    <message>
        <location filename="../app/console/consolesession.cpp" line="+96"/>
        <source>Now working on %1.</source>
        <translation>Nu aan het werk op %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>Switching to %1: %n process(es) finishing their current step…</source>
        <translation>
            <numerusform>Overschakelen naar %1: %n proces maakt zijn huidige stap af…</numerusform>
            <numerusform>Overschakelen naar %1: %n processen maken hun huidige stap af…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Orchestrator Console</source>
        <translation>Orchestrator Console</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot open the database %1.</source>
        <translation>Kan de database %1 niet openen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Choose a database…</source>
        <translation>&amp;Database kiezen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Back to %1</source>
        <translation>&amp;Terug naar %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No other database was chosen.</source>
        <translation>Er is geen andere database gekozen.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Switching database</source>
        <translation>Database wisselen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The engine has not stopped yet: %n process(es) are still in their current step, or the database does not answer.</source>
        <translation>
            <numerusform>De engine is nog niet gestopt: %n proces is nog bezig met zijn huidige stap, of de database antwoordt niet.</numerusform>
            <numerusform>De engine is nog niet gestopt: %n processen zijn nog bezig met hun huidige stap, of de database antwoordt niet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep waiting, or quit now and start the console again: it then opens the new database.</source>
        <translation>Blijf wachten, of sluit nu af en start de console opnieuw: die opent dan de nieuwe database.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keep waiting</source>
        <translation>&amp;Blijven wachten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit the console</source>
        <translation>Console &amp;afsluiten</translation>
    </message>
</context>
<context>
    <name>wfo::console::DatabaseDialog</name>
    <message>
        <location filename="../app/console/database/databasedialog.cpp" line="+31"/>
        <source>Embedded &amp;SQLite file (one computer)</source>
        <translation>Ingebouwd &amp;SQLite-bestand (één computer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;PostgreSQL server (a team, several workers)</source>
        <translation>&amp;PostgreSQL-server (een team, meerdere workers)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Test connection</source>
        <translation>Verbinding &amp;testen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connect to database</source>
        <translation>Verbinden met database</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database URL</source>
        <translation>Database-URL</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test connection</source>
        <translation>Verbinding testen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Testing the connection</source>
        <translation>De verbinding wordt getest</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This console was started with --db: at the next start that option wins over the database chosen here.</source>
        <translation>Deze console is gestart met --db: bij de volgende start gaat die optie voor op de database die hier gekozen is.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>$WFO_DATABASE_URL is set: at the next start it wins over the database chosen here.</source>
        <translation>$WFO_DATABASE_URL is ingesteld: bij de volgende start gaat die voor op de database die hier gekozen is.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>SQLite file</source>
        <translation>SQLite-bestand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>/home/me/orchestrator.db</source>
        <translation>/home/ik/orchestrator.db</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>&amp;Openen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open an existing SQLite file</source>
        <translation>Een bestaand SQLite-bestand openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New…</source>
        <translation>&amp;Nieuw…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create a new SQLite file</source>
        <translation>Een nieuw SQLite-bestand aanmaken</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File:</source>
        <translation>&amp;Bestand:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Database name</source>
        <translation>Databasenaam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Password</source>
        <translation>Wachtwoord</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Port:</source>
        <translation>Poort:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Database:</source>
        <translation>&amp;Database:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Gebruiker:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pass&amp;word:</source>
        <translation>Wacht&amp;woord:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose the SQLite file (an absolute path).</source>
        <translation>Kies het SQLite-bestand (een absoluut pad).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter the PostgreSQL server&apos;s host name.</source>
        <translation>Vul de hostnaam van de PostgreSQL-server in.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the name of the database.</source>
        <translation>Vul de naam van de database in.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the user name.</source>
        <translation>Vul de gebruikersnaam in.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>URL: &lt;tt&gt;%1&lt;/tt&gt;</source>
        <translation>URL: &lt;tt&gt;%1&lt;/tt&gt;</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>An existing file: opened as it is.</source>
        <translation>Een bestaand bestand: wordt geopend zoals het is.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new file: the console sets it up when it opens it.</source>
        <translation>Een nieuw bestand: de console richt het in wanneer hij het opent.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>New SQLite database</source>
        <translation>Nieuwe SQLite-database</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open SQLite database</source>
        <translation>SQLite-database openen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SQLite databases (*.db *.sqlite *.sqlite3)</source>
        <translation>SQLite-databases (*.db *.sqlite *.sqlite3)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All files (*)</source>
        <translation>Alle bestanden (*)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Testing %1…</source>
        <translation>%1 wordt getest…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>✔ %1</source>
        <translation>✔ %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>✘ %1</source>
        <translation>✘ %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The keychain did not store the password (%1). Press Connect again to keep it for this session only.</source>
        <translation>De sleutelbos heeft het wachtwoord niet bewaard (%1). Druk nogmaals op Verbinden om het alleen voor deze sessie te bewaren.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>kept for this session</source>
        <translation>bewaard voor deze sessie</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Remember the password</source>
        <translation>Wachtwoord &amp;onthouden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Looking for the system keychain…</source>
        <translation>De sleutelbos van het systeem wordt gezocht…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Remember the password in the system keychain</source>
        <translation>Wachtwoord &amp;onthouden in de sleutelbos van het systeem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passwords are kept in the system keychain, never in the settings file.</source>
        <translation>Wachtwoorden worden bewaard in de sleutelbos van het systeem, nooit in het instellingenbestand.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Keep the password for this session only</source>
        <translation>Wachtwoord alleen voor deze &amp;sessie bewaren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No system keychain is available (%1). The password can be kept for this session only: the console asks for it again at the next start. It is never written to the settings file.</source>
        <translation>Er is geen sleutelbos van het systeem beschikbaar (%1). Het wachtwoord kan alleen voor deze sessie bewaard worden: de console vraagt er bij de volgende start opnieuw om. Het wordt nooit in het instellingenbestand geschreven.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no Secret Service on the session bus</source>
        <translation>geen Secret Service op de sessiebus</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Storing the password in the system keychain…</source>
        <translation>Het wachtwoord wordt in de sleutelbos van het systeem bewaard…</translation>
    </message>
</context>
<context>
    <name>wfo::console::DatabaseSettings</name>
    <message>
        <location filename="../app/console/database/databasesettings.cpp" line="+74"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The --db option</source>
        <translation>De optie --db</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>$WFO_DATABASE_URL</source>
        <translation>$WFO_DATABASE_URL</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The stored database &apos;%1&apos; is not usable (%2); using the default.</source>
        <translation>De opgeslagen database &apos;%1&apos; is niet bruikbaar (%2); de standaarddatabase wordt gebruikt.</translation>
    </message>
</context>
<context>
    <name>wfo::console::DomainScreens</name>
    <message>
        <location filename="../app/console/subscriptions/domainscreens.cpp" line="+66"/>
        <source>Out-of-sync subscriptions</source>
        <translation>Abonnementen niet in sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+7"/>
        <location line="+3"/>
        <location line="+4"/>
        <source>All subscriptions</source>
        <translation>Alle abonnementen</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Active subscriptions</source>
        <translation>Actieve abonnementen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All active subscriptions</source>
        <translation>Alle actieve abonnementen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latest subscriptions</source>
        <translation>Nieuwste abonnementen</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+9"/>
        <source>Products</source>
        <translation>Producten</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+9"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+9"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-7"/>
        <location line="+8"/>
        <location line="+6"/>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Product blocks</source>
        <translation>Productblokken</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Resource types</source>
        <translation>Resourcetypes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resource type</source>
        <translation>Resourcetype</translation>
    </message>
</context>
<context>
    <name>wfo::console::InputStepPanel</name>
    <message>
        <location filename="../app/console/processdetail/inputsteppanel.cpp" line="+24"/>
        <source>Resume</source>
        <translation>Hervatten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Resume with these answers</source>
        <translation>Hervatten met deze antwoorden</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading the form…</source>
        <translation>Formulier laden…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This process waits for your answers.</source>
        <translation>Dit proces wacht op uw antwoorden.</translation>
    </message>
</context>
<context>
    <name>wfo::console::InstanceListModel</name>
    <message>
        <location filename="../app/console/settings/instancelistmodel.cpp" line="+66"/>
        <source>idle</source>
        <translation>niets te doen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 (this console)</source>
        <translation>%1 (deze console)</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n s ago: presumed dead</source>
        <translation>
            <numerusform>%n s geleden: vermoedelijk dood</numerusform>
            <numerusform>%n s geleden: vermoedelijk dood</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n s ago</source>
        <translation>
            <numerusform>%n s geleden</numerusform>
            <numerusform>%n s geleden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 %2 (%3), next step: %4</source>
        <translation>%1 %2 (%3), volgende stap: %4</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Instance</source>
        <translation>Instantie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Soort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last heartbeat</source>
        <translation>Laatste hartslag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Bezig met</translation>
    </message>
</context>
<context>
    <name>wfo::console::InstancesPanel</name>
    <message>
        <location filename="../app/console/settings/instancespanel.cpp" line="+28"/>
        <source>Engine instances</source>
        <translation>Engine-instanties</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Cannot read the engine instances: %1</source>
        <translation>Kan de engine-instanties niet lezen: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n engine instance(s) on this database</source>
        <translation>
            <numerusform>%n engine-instantie op deze database</numerusform>
            <numerusform>%n engine-instanties op deze database</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n worker(s)</source>
        <translation>
            <numerusform>%n worker</numerusform>
            <numerusform>%n workers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n process(es) running</source>
        <translation>
            <numerusform>%n proces bezig</numerusform>
            <numerusform>%n processen bezig</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::JsonTable</name>
    <message>
        <location filename="../app/console/common/jsontable.cpp" line="+48"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
</context>
<context>
    <name>wfo::console::JsonView</name>
    <message>
        <location filename="../app/console/common/jsonview.cpp" line="+25"/>
        <source>Key</source>
        <translation>Sleutel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State tree</source>
        <translation>Toestand als boom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>State as JSON</source>
        <translation>Toestand als JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tree</source>
        <translation>Boom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n sleutel}</numerusform>
            <numerusform>{%n sleutels}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n item]</numerusform>
            <numerusform>[%n items]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::MainWindow</name>
    <message>
        <location filename="../app/console/mainwindow.cpp" line="+52"/>
        <source>Subscriptions are not available in this installation.</source>
        <translation>Abonnementen zijn niet beschikbaar in deze installatie.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Orchestrator Console</source>
        <translation>Orchestrator Console</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Navigation</source>
        <translation>Navigatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Subscriptions</source>
        <translation>Abonnementen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Processes</source>
        <translation>Processen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tasks</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Metadata</source>
        <translation>Metadata</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Schedules</source>
        <translation>Schema&apos;s</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>My recent processes</source>
        <translation>Mijn recente processen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All processes</source>
        <translation>Alle processen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active processes</source>
        <translation>Actieve processen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed tasks</source>
        <translation>Mislukte taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All tasks</source>
        <translation>Alle taken</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Database state</source>
        <translation>Databasetoestand</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&amp;New subscription…</source>
        <translation>&amp;Nieuw abonnement…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Search</source>
        <translation>&amp;Zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search the processes or tasks in view, else the subscriptions</source>
        <translation>Zoek in de getoonde processen of taken, anders in de abonnementen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Vernieuwen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>&amp;Afsluiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Connect to database…</source>
        <translation>&amp;Verbinden met database…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation>&amp;Bestand</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Back</source>
        <translation>&amp;Terug</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go back to the screen shown before</source>
        <translation>Terug naar het scherm dat hiervoor werd getoond</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Forward</source>
        <translation>&amp;Vooruit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go forward again after going back</source>
        <translation>Weer vooruit na teruggaan</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Go to…</source>
        <translation>&amp;Ga naar…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Jump to a subscription, process, workflow or screen by its name or id</source>
        <translation>Spring naar een abonnement, proces, workflow of scherm op naam of id</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;View</source>
        <translation>Beel&amp;d</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>S&amp;ubscriptions</source>
        <translation>Abonne&amp;menten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Processes</source>
        <translation>&amp;Processen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tasks</source>
        <translation>&amp;Taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Metadata</source>
        <translation>M&amp;etadata</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Se&amp;ttings</source>
        <translation>&amp;Instellingen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Audit</source>
        <translation>&amp;Audit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sc&amp;hedules</source>
        <translation>Sc&amp;hema&apos;s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Engine</source>
        <translation>&amp;Engine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Sneltoetsen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Form gallery</source>
        <translation>&amp;Formuliergalerij</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About</source>
        <translation>&amp;Over</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About Orchestrator Console</source>
        <translation>Over Orchestrator Console</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Orchestrator Console&lt;/b&gt; %1&lt;br&gt;Manage customer subscriptions by running workflows.</source>
        <translation>&lt;b&gt;Orchestrator Console&lt;/b&gt; %1&lt;br&gt;Beheer klantabonnementen met workflows.</translation>
    </message>
    <message>
        <location line="+158"/>
        <source>Keyboard shortcuts</source>
        <translation>Sneltoetsen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keys</source>
        <translation>Toetsen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Does</source>
        <translation>Doet</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Retry the process shown</source>
        <translation>Het getoonde proces opnieuw proberen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Abort the process shown (asks first)</source>
        <translation>Het getoonde proces afbreken (vraagt eerst)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page of a form</source>
        <translation>Vorige pagina van een formulier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page of a form</source>
        <translation>Volgende pagina van een formulier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected process or subscription</source>
        <translation>Het gekozen proces of abonnement openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close a dialog</source>
        <translation>Een dialoogvenster sluiten</translation>
    </message>
    <message numerus="yes">
        <location line="+43"/>
        <source>Engine RUNNING · %n running</source>
        <translation>
            <numerusform>Engine LOOPT · %n bezig</numerusform>
            <numerusform>Engine LOOPT · %n bezig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pause engine</source>
        <translation>Engine &amp;pauzeren</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Engine PAUSING · %n finishing a step</source>
        <translation>
            <numerusform>Engine PAUZEERT · %n maakt een stap af</numerusform>
            <numerusform>Engine PAUZEERT · %n maken een stap af</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>&amp;Resume engine</source>
        <translation>Engine &amp;hervatten</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Engine PAUSED</source>
        <translation>Engine GEPAUZEERD</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>READ-ONLY · this database login may only read</source>
        <translation>ALLEEN LEZEN · deze databaselogin mag alleen lezen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The console opens %1 at its next start.</source>
        <translation>De console opent %1 bij de volgende start.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>⚠ Database unreachable since %1 (%2): %3 — showing what was loaded before; reconnecting…</source>
        <translation>⚠ Database onbereikbaar sinds %1 (%2): %3 — wat eerder geladen was blijft zichtbaar; er wordt opnieuw verbonden…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>✔ Database reachable again since %1 (%2)</source>
        <translation>✔ Database weer bereikbaar sinds %1 (%2)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
</context>
<context>
    <name>wfo::console::MetadataPage</name>
    <message>
        <location filename="../app/console/metadata/metadatapage.cpp" line="+23"/>
        <source>Metadata</source>
        <translation>Metadata</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Workflows</source>
        <translation>Workflows</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Task</source>
        <translation>Taak</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Products</source>
        <translation>Producten</translation>
    </message>
</context>
<context>
    <name>wfo::console::NewSubscriptionDialog</name>
    <message>
        <location filename="../app/console/subscriptions/newsubscriptiondialog.cpp" line="+27"/>
        <source>Loading the products…</source>
        <translation>Producten laden…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New subscription</source>
        <translation>Nieuw abonnement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Products</source>
        <translation>Producten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Next</source>
        <translation>&amp;Volgende</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which product does the customer get?</source>
        <translation>Welk product krijgt de klant?</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>No product is installed; add a product pack.</source>
        <translation>Er is geen product geïnstalleerd; voeg een productpakket toe.</translation>
    </message>
</context>
<context>
    <name>wfo::console::OperatorDialog</name>
    <message>
        <location filename="../app/console/settings/operatorspanel.cpp" line="+295"/>
        <source>&amp;Enabled</source>
        <translation>&amp;Actief</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add operator</source>
        <translation>Operator toevoegen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit operator</source>
        <translation>Operator bewerken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User name</source>
        <translation>Gebruikersnaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the login name, or WFO_USER</source>
        <translation>de inlognaam, of WFO_USER</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Display name</source>
        <translation>Weergavenaam</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>viewer: reads everything; operator: also starts, retries, aborts and resets processes; admin: also skips steps, deletes, pauses the engine and manages operators</source>
        <translation>kijker: leest alles; operator: start, herhaalt, breekt af en zet processen terug; beheerder: slaat ook stappen over, verwijdert, pauzeert de engine en beheert operators</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;User name:</source>
        <translation>&amp;Gebruikersnaam:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Display name:</source>
        <translation>&amp;Weergavenaam:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Rol:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>A user name without spaces is required.</source>
        <translation>Een gebruikersnaam zonder spaties is verplicht.</translation>
    </message>
</context>
<context>
    <name>wfo::console::OperatorsPanel</name>
    <message>
        <location line="-326"/>
        <source>&amp;Add operator…</source>
        <translation>Operator &amp;toevoegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bewerken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+144"/>
        <source>&amp;Disable</source>
        <translation>&amp;Uitschakelen</translation>
    </message>
    <message>
        <location line="-140"/>
        <location line="+198"/>
        <location line="+32"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location line="-227"/>
        <source>User</source>
        <translation>Gebruiker</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Display name</source>
        <translation>Weergavenaam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enabled</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add operator</source>
        <translation>Operator toevoegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a user a role on this database</source>
        <translation>Een gebruiker een rol op deze database geven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit operator</source>
        <translation>Operator bewerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the selected operator&apos;s role or display name</source>
        <translation>De rol of weergavenaam van de gekozen operator wijzigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable or enable the selected operator</source>
        <translation>De gekozen operator uit- of inschakelen</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Cannot load the operators: %1</source>
        <translation>De operators kunnen niet worden geladen: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>No operator is defined, so everyone who opens this database acts as admin. Once one is, users who are not enabled operators are refused: add yourself as admin first.</source>
        <translation>Er is geen operator vastgelegd, dus iedereen die deze database opent werkt als beheerder. Zodra er een is, worden gebruikers die geen actieve operator zijn geweigerd: voeg uzelf eerst toe als beheerder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Read only: %1</source>
        <translation>Alleen lezen: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select an operator first.</source>
        <translation>Kies eerst een operator.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;nable</source>
        <translation>&amp;Inschakelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable operator</source>
        <translation>Operator uitschakelen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enable operator</source>
        <translation>Operator inschakelen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This is the first operator: from now on only enabled operators may use this database. Add yourself as admin first.</source>
        <translation>Dit is de eerste operator: vanaf nu mogen alleen actieve operators deze database gebruiken. Voeg uzelf eerst toe als beheerder.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>You are about to take away your own admin role. Only another admin can give it back. Go on?</source>
        <translation>U staat op het punt uw eigen beheerdersrol af te nemen. Alleen een andere beheerder kan die teruggeven. Doorgaan?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change my role</source>
        <translation>Mijn rol wijzigen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Saved operator %1.</source>
        <translation>Operator %1 opgeslagen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operator %1 not saved: %2</source>
        <translation>Operator %1 niet opgeslagen: %2</translation>
    </message>
</context>
<context>
    <name>wfo::console::PasswordStore</name>
    <message>
        <location filename="../app/console/database/passwordstore.cpp" line="+74"/>
        <source>turned off by WFO_NO_KEYCHAIN</source>
        <translation>uitgeschakeld met WFO_NO_KEYCHAIN</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this build has no keychain support</source>
        <translation>deze versie kan geen sleutelbos gebruiken</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>the system keychain does not answer</source>
        <translation>de sleutelbos van het systeem antwoordt niet</translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessActions</name>
    <message>
        <location filename="../app/console/processdetail/processactions.cpp" line="+27"/>
        <source>This process waits for input: answer the form on the Input tab.</source>
        <translation>Dit proces wacht op invoer: beantwoord het formulier op het tabblad Invoer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This process awaits a callback from an external system at its route; abort it, or let it time out and retry it then.</source>
        <translation>Dit proces wacht op zijn route op een callback van een extern systeem; breek het af, of laat het verlopen en probeer het dan opnieuw.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+24"/>
        <source>This process is running.</source>
        <translation>Dit proces loopt.</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>A %1 process cannot be retried; only a failed or waiting one can.</source>
        <translation>Een proces dat %1 is kan niet opnieuw worden geprobeerd; alleen een mislukt of wachtend proces kan dat.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This process is running; it can be reset once it stops.</source>
        <translation>Dit proces loopt; het kan worden teruggezet zodra het stopt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A %1 process cannot be reset; only one that is not running and not completed or aborted can.</source>
        <translation>Een proces dat %1 is kan niet worden teruggezet; alleen een proces dat niet loopt en niet voltooid of afgebroken is kan dat.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This process has no step to go back to.</source>
        <translation>Dit proces heeft geen stap om naar terug te gaan.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only the step a failed or waiting process stopped at can be skipped; this process is %1.</source>
        <translation>Alleen de stap waarbij een mislukt of wachtend proces stopte kan worden overgeslagen; dit proces is %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This process is %1 already.</source>
        <translation>Dit proces is al %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This process is running; abort it first.</source>
        <translation>Dit proces loopt; breek het eerst af.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only task processes can be deleted; a workflow&apos;s process is part of its subscriptions&apos; history.</source>
        <translation>Alleen processen van taken kunnen worden verwijderd; het proces van een workflow hoort bij de geschiedenis van zijn abonnementen.</translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessChart</name>
    <message>
        <location filename="../app/console/start/processchart.cpp" line="+29"/>
        <source>Completed</source>
        <translation>Voltooid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Mislukt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aborted</source>
        <translation>Afgebroken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting</source>
        <translation>Wachtend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>Bezig</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Processes started in the last %1 days</source>
        <translation>Processen gestart in de laatste %1 dagen</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 · %2: %3</source>
        <translation>%1 · %2: %3</translation>
    </message>
    <message numerus="yes">
        <location line="+39"/>
        <source>%n process(es) started in these days</source>
        <translation>
            <numerusform>%n proces gestart in deze dagen</numerusform>
            <numerusform>%n processen gestart in deze dagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessDetailView</name>
    <message>
        <location filename="../app/console/processdetail/processdetailview.cpp" line="+54"/>
        <source>Copy for a &amp;ticket</source>
        <translation>Kopiëren voor een &amp;ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>← Back</source>
        <translation>← Terug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Retry</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;set to step…</source>
        <translation>&amp;Terugzetten naar stap…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;kip step…</source>
        <translation>Stap &amp;overslaan…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Abort</source>
        <translation>&amp;Afbreken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>Verwij&amp;deren</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Awaited callback</source>
        <translation>Verwachte callback</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outcome of the last action</source>
        <translation>Uitkomst van de laatste actie</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Process running</source>
        <translation>Proces bezig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Waiting for the engine: it is paused. The process runs when the engine is resumed (Engine ▸ Resume engine).</source>
        <translation>Wacht op de engine: die is gepauzeerd. Het proces loopt zodra de engine wordt hervat (Engine ▸ Engine hervatten).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy the process, its failure, steps, state and traceback as text, to paste into a ticket</source>
        <translation>Het proces, de fout, de stappen, de toestand en de traceback als tekst kopiëren, om in een ticket te plakken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+448"/>
        <source>Retry</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <location line="-446"/>
        <source>Run the failed step again (Ctrl+R)</source>
        <translation>De mislukte stap opnieuw uitvoeren (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reset to step</source>
        <translation>Terugzetten naar stap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rewind the process to an earlier step and run it again from there</source>
        <translation>Het proces terugdraaien naar een eerdere stap en het vanaf daar opnieuw uitvoeren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+480"/>
        <source>Skip step</source>
        <translation>Stap overslaan</translation>
    </message>
    <message>
        <location line="-479"/>
        <source>Log the failed step as skipped, with a reason, and go on with the next step</source>
        <translation>De mislukte stap als overgeslagen vastleggen, met een reden, en doorgaan met de volgende stap</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+503"/>
        <source>Abort</source>
        <translation>Afbreken</translation>
    </message>
    <message>
        <location line="-501"/>
        <source>Stop this process for good (Ctrl+Shift+A)</source>
        <translation>Dit proces definitief stoppen (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+517"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="-516"/>
        <source>Remove this process and its log</source>
        <translation>Dit proces en zijn logboek verwijderen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Steps</source>
        <translation>Stappen</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+10"/>
        <source>Traceback</source>
        <translation>Traceback</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Step delta</source>
        <translation>Wijziging door de stap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full state</source>
        <translation>Volledige toestand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input</source>
        <translation>Invoer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscription delta</source>
        <translation>Wijziging van het abonnement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Copied for a ticket.</source>
        <translation>Gekopieerd voor een ticket.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Cannot load the process: %1</source>
        <translation>Kan het proces niet laden: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This process no longer exists.</source>
        <translation>Dit proces bestaat niet meer.</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>This step waits for the engine, which is paused.</source>
        <translation>Deze stap wacht op de engine, die gepauzeerd is.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Error class: %1</source>
        <translation>Foutklasse: %1</translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Deleted.</source>
        <translation>Verwijderd.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 refused: %2</source>
        <translation>%1 geweigerd: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 failed: %2</source>
        <translation>%1 mislukt: %2</translation>
    </message>
    <message>
        <location filename="../app/console/processdetail/processdetailpresenter.cpp" line="+31"/>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>none reported yet</source>
        <translation>nog niets gemeld</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>none: it waits until called back or aborted</source>
        <translation>geen: het wacht tot er teruggeroepen wordt of tot het afgebroken wordt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Awaiting a callback&lt;/b&gt; at step %1&lt;br&gt;Route: &lt;code&gt;%2&lt;/code&gt;&lt;br&gt;Progress: %3&lt;br&gt;Deadline: %4</source>
        <translation>&lt;b&gt;Wacht op een callback&lt;/b&gt; bij stap %1&lt;br&gt;Route: &lt;code&gt;%2&lt;/code&gt;&lt;br&gt;Voortgang: %3&lt;br&gt;Uiterlijk: %4</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>subscription &lt;a href=&quot;subscription:%1&quot;&gt;%2&lt;/a&gt;</source>
        <translation>abonnement &lt;a href=&quot;subscription:%1&quot;&gt;%2&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+12"/>
        <source>Process id: %1</source>
        <translation>Proces-id: %1</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Subscription id: %1</source>
        <translation>Abonnement-id: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Process: %1</source>
        <translation>Proces: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status: %1 (%2)</source>
        <translation>Status: %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target: %1</source>
        <translation>Doel: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subscription: %1 (%2)</source>
        <translation>Abonnement: %1 (%2)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started by %1 at %2; last modified %3</source>
        <translation>Gestart door %1 op %2; laatst gewijzigd %3</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failed step: %1 &apos;%2&apos; at %3</source>
        <translation>Mislukte stap: %1 &apos;%2&apos; op %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error: %1: %2</source>
        <translation>Fout: %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Steps:</source>
        <translation>Stappen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (rewound)</source>
        <translation> (teruggezet)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State:</source>
        <translation>Toestand:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Traceback:</source>
        <translation>Traceback:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Attempt %1 of this step.</source>
        <translation>Poging %1 van deze stap.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The previous attempt (%1) ended %2: %3</source>
        <translation>De vorige poging (%1) eindigde %2: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This attempt failed the same way.</source>
        <translation>Deze poging mislukte op dezelfde manier.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This attempt got past it.</source>
        <translation>Deze poging kwam er voorbij.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The previous attempt (%1) ended %2.</source>
        <translation>De vorige poging (%1) eindigde %2.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Its result differs in: %1.</source>
        <translation>Het resultaat verschilt in: %1.</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>target %1</source>
        <translation>doel %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created by &lt;b&gt;%1&lt;/b&gt; at %2</source>
        <translation>aangemaakt door &lt;b&gt;%1&lt;/b&gt; op %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last modified %1</source>
        <translation>laatst gewijzigd %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>assignee %1</source>
        <translation>toegewezen aan %1</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>(next step)</source>
        <translation>(volgende stap)</translation>
    </message>
    <message>
        <location line="-92"/>
        <location filename="../app/console/processdetail/processdetailview.cpp" line="-262"/>
        <source>Failed: %1</source>
        <translation>Mislukt: %1</translation>
    </message>
    <message>
        <location filename="../app/console/processdetail/processdetailview.cpp" line="+59"/>
        <source>This step is running.</source>
        <translation>Deze stap is bezig.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rewound by a reset at %1: kept in the log, no longer part of the state.</source>
        <translation>Teruggedraaid door terugzetten op %1: blijft in het logboek, maar hoort niet meer bij de toestand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped by %1: %2</source>
        <translation>Overgeslagen door %1: %2</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Reset to this step…</source>
        <translation>Naar deze stap terugzetten…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wait until the process is loaded and no action runs.</source>
        <translation>Wacht tot het proces geladen is en er geen actie loopt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The process cannot go back to &apos;%1&apos;: it has not run it yet.</source>
        <translation>Het proces kan niet terug naar &apos;%1&apos;: die stap is nog niet uitgevoerd.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rewind the process to before &apos;%1&apos; and run it again from there</source>
        <translation>Het proces terugdraaien tot vóór &apos;%1&apos; en het vanaf daar opnieuw uitvoeren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Skip step…</source>
        <translation>Stap overslaan…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Skip &apos;%1&apos;…</source>
        <translation>&apos;%1&apos; overslaan…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Retrying the failed step.</source>
        <translation>De mislukte stap wordt opnieuw geprobeerd.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reset</source>
        <translation>Terugzetten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to step %1 &apos;%2&apos;: the process runs again from there.</source>
        <translation>Teruggezet naar stap %1 &apos;%2&apos;: het proces loopt vanaf daar opnieuw.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Skipped &apos;%1&apos;; the process goes on with the next step.</source>
        <translation>&apos;%1&apos; overgeslagen; het proces gaat verder met de volgende stap.</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+2"/>
        <source>Abort process</source>
        <translation>Proces afbreken</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Abort this process? It stops for good and cannot be retried.</source>
        <translation>Dit proces afbreken? Het stopt definitief en kan niet opnieuw worden geprobeerd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abort requested.</source>
        <translation>Afbreken gevraagd.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Delete process</source>
        <translation>Proces verwijderen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete this process and its step log? This cannot be undone.</source>
        <translation>Dit proces en zijn stappenlogboek verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessListModel</name>
    <message>
        <location filename="../app/console/processes/processlistmodel.cpp" line="+37"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step</source>
        <translation>Stap</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created by</source>
        <translation>Aangemaakt door</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last modified</source>
        <translation>Laatst gewijzigd</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Waiting for the engine</source>
        <translation>Wacht op de engine</translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessListView</name>
    <message>
        <location filename="../app/console/processes/processlistview.cpp" line="+94"/>
        <source>Cannot load the processes: %1</source>
        <translation>Kan de processen niet laden: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No processes match &apos;%1&apos;.</source>
        <translation>Geen processen gevonden voor &apos;%1&apos;.</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n selected</source>
        <translation>
            <numerusform>%n gekozen</numerusform>
            <numerusform>%n gekozen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry or abort the selected processes as one action</source>
        <translation>De gekozen processen in één actie opnieuw proberen of afbreken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Selection</source>
        <translation>Selectie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select several processes (Ctrl or Shift and click) to retry or abort them together</source>
        <translation>Kies meerdere processen (Ctrl of Shift en klikken) om ze samen opnieuw te proberen of af te breken</translation>
    </message>
    <message numerus="yes">
        <location line="+33"/>
        <source>&amp;Retry %n selected process(es)</source>
        <translation>
            <numerusform>%n gekozen proces &amp;opnieuw proberen</numerusform>
            <numerusform>%n gekozen processen &amp;opnieuw proberen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry every selected process that failed or waits, as one action</source>
        <translation>Elk gekozen proces dat mislukt is of wacht opnieuw proberen, als één actie</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>&amp;Abort %n selected process(es)…</source>
        <translation>
            <numerusform>%n gekozen proces &amp;afbreken…</numerusform>
            <numerusform>%n gekozen processen &amp;afbreken…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop every selected process for good, as one action</source>
        <translation>Elk gekozen proces definitief stoppen, als één actie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Abort processes</source>
        <translation>Processen afbreken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retry processes</source>
        <translation>Processen opnieuw proberen</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%1 of %n process(es) done; these were not:</source>
        <translation>
            <numerusform>%1 van %n proces gedaan; deze niet:</numerusform>
            <numerusform>%1 van %n processen gedaan; deze niet:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Abort %n process(es)? They stop for good and cannot be retried.</source>
        <translation>
            <numerusform>%n proces afbreken? Het stopt definitief en kan niet opnieuw worden geprobeerd.</numerusform>
            <numerusform>%n processen afbreken? Ze stoppen definitief en kunnen niet opnieuw worden geprobeerd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Open</source>
        <translation>&amp;Openen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Retry</source>
        <translation>&amp;Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run the failed step again</source>
        <translation>De mislukte stap opnieuw uitvoeren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Abort…</source>
        <translation>&amp;Afbreken…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop this process for good</source>
        <translation>Dit proces definitief stoppen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Abort</source>
        <translation>Afbreken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete…</source>
        <translation>&amp;Verwijderen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove this process and its log</source>
        <translation>Dit proces en zijn logboek verwijderen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+3"/>
        <source>Abort process</source>
        <translation>Proces afbreken</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <source>Delete process</source>
        <translation>Proces verwijderen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Abort process %1? It stops for good and cannot be retried.</source>
        <translation>Proces %1 afbreken? Het stopt definitief en kan niet opnieuw worden geprobeerd.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete process %1 and its step log? This cannot be undone.</source>
        <translation>Proces %1 en zijn stappenlogboek verwijderen? Dit kan niet ongedaan worden gemaakt.</translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessNotifier</name>
    <message>
        <location filename="../app/console/notifications/processnotifier.cpp" line="+38"/>
        <source>Orchestrator Console</source>
        <translation>Orchestrator Console</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 on %2</source>
        <translation>%1 op %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Process failed: %1</source>
        <translation>Proces mislukt: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is %2.</source>
        <translation>%1 is %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Process completed: %1</source>
        <translation>Proces voltooid: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is %2 after %3 min.</source>
        <translation>%1 is %2 na %3 min.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>wfo::console::ProcessesPage</name>
    <message>
        <location filename="../app/console/processes/processespage.cpp" line="+35"/>
        <source>Tasks</source>
        <translation>Taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Processes</source>
        <translation>Processen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Search tasks</source>
        <translation>Taken zoeken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Search processes</source>
        <translation>Processen zoeken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search: text, status:failed, workflow:validate*, customer:acme  (Ctrl+F)</source>
        <translation>Zoeken: tekst, status:failed, workflow:validate*, customer:acme  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search help</source>
        <translation>Hulp bij zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to search</source>
        <translation>Hoe zoeken werkt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Active tasks</source>
        <translation>Actieve taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active processes</source>
        <translation>Actieve processen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completed tasks</source>
        <translation>Voltooide taken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed processes</source>
        <translation>Voltooide processen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Voltooid</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Searching processes</source>
        <translation>Processen zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Words match the workflow, status, step, who started the process, the failure reason, and the description, customer and id of its subscription, ignoring case.&lt;/p&gt;&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;validate acme&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;both words&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;status:failed&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;one field&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;status:(failed|waiting)&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;any of the values&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;-creator:SYSTEM&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;not&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;workflow:validate*&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;starts with&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;subscription:&quot;node 12&quot;&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;a part of its subscription&apos;s description or id&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;reason:timeout&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;a part of the failure reason&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Fields: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Woorden zoeken in de workflow, de status, de stap, wie het proces startte, de reden van mislukken en de beschrijving, klant en id van het abonnement, zonder op hoofdletters te letten.&lt;/p&gt;&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;validate acme&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;beide woorden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;status:failed&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;één veld&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;status:(failed|waiting)&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;een van de waarden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;-creator:SYSTEM&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;niet&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;workflow:validate*&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;begint met&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;subscription:&quot;node 12&quot;&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;een deel van de beschrijving of het id van het abonnement&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;reason:timeout&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;een deel van de reden van mislukken&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Velden: %1&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>wfo::console::ResetDialog</name>
    <message>
        <location filename="../app/console/processdetail/stepactiondialogs.cpp" line="+39"/>
        <source>Reset to step</source>
        <translation>Terugzetten naar stap</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Step to reset to</source>
        <translation>Stap om naar terug te zetten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The process goes back to the state it had before the chosen step, and runs again from there.</source>
        <translation>Het proces krijgt weer de toestand die het vóór de gekozen stap had, en loopt vanaf daar opnieuw.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Run again from:</source>
        <translation>&amp;Opnieuw uitvoeren vanaf:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reset process</source>
        <translation>Proces terugzetten</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>&lt;p&gt;&lt;b&gt;⚠ External effects are not undone.&lt;/b&gt; What these steps did outside the orchestrator (calls to other systems, devices configured, messages sent) stays done; only the process state is rewound, and subscriptions they changed get a new version restoring what they were before.&lt;/p&gt;&lt;p&gt;%n step(s) will be rewound (kept in the log, marked rewound):&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</source>
        <translation>
            <numerusform>&lt;p&gt;&lt;b&gt;⚠ Externe gevolgen worden niet teruggedraaid.&lt;/b&gt; Wat deze stappen buiten de orchestrator deden (aanroepen van andere systemen, geconfigureerde apparaten, verstuurde berichten) blijft gedaan; alleen de procestoestand wordt teruggedraaid, en abonnementen die ze wijzigden krijgen een nieuwe versie die terugzet wat ze daarvoor waren.&lt;/p&gt;&lt;p&gt;%n stap wordt teruggedraaid (blijft in het logboek, gemarkeerd als teruggedraaid):&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</numerusform>
            <numerusform>&lt;p&gt;&lt;b&gt;⚠ Externe gevolgen worden niet teruggedraaid.&lt;/b&gt; Wat deze stappen buiten de orchestrator deden (aanroepen van andere systemen, geconfigureerde apparaten, verstuurde berichten) blijft gedaan; alleen de procestoestand wordt teruggedraaid, en abonnementen die ze wijzigden krijgen een nieuwe versie die terugzet wat ze daarvoor waren.&lt;/p&gt;&lt;p&gt;%n stappen worden teruggedraaid (blijven in het logboek, gemarkeerd als teruggedraaid):&lt;/p&gt;&lt;ul&gt;%1&lt;/ul&gt;</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::ScheduleDialog</name>
    <message>
        <location filename="../app/console/schedules/scheduledialog.cpp" line="+43"/>
        <source>&amp;Enabled</source>
        <translation>&amp;Ingeschakeld</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Add schedule</source>
        <translation>Schema toevoegen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit schedule</source>
        <translation>Schema bewerken</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Nightly validation</source>
        <translation>bijv. Nachtelijke validatie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 (not registered here)</source>
        <translation>%1 (hier niet geregistreerd)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Trigger kind</source>
        <translation>Soort trigger</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cron expression</source>
        <translation>Cron-expressie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interval</source>
        <translation>Interval</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Once</source>
        <translation>Eenmalig</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Time zone</source>
        <translation>Tijdzone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The engine&apos;s time zone (%1)</source>
        <translation>De tijdzone van de engine (%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The clock the cron expression or the date and time is read on; daylight-saving changes are followed</source>
        <translation>De klok waarop de cron-expressie of de datum en tijd gelezen wordt; zomer- en wintertijd worden gevolgd</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Next runs</source>
        <translation>Volgende uitvoeringen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;Name:</source>
        <translation>&amp;Naam:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Workflow:</source>
        <translation>&amp;Workflow:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trigger &amp;kind:</source>
        <translation>Soort &amp;trigger:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trigger:</source>
        <translation>T&amp;rigger:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time &amp;zone:</source>
        <translation>Tijd&amp;zone:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next runs:</source>
        <translation>Volgende uitvoeringen:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save</source>
        <translation>Opslaan</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>e.g. 6h, 1h30m, 15m (at least 1 minute)</source>
        <translation>bijv. 6h, 1h30m, 15m (minstens 1 minuut)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often: days (d), hours (h), minutes (m), seconds (s)</source>
        <translation>Hoe vaak: dagen (d), uren (h), minuten (m), seconden (s)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. 2026-12-24T18:00</source>
        <translation>bijv. 2026-12-24T18:00</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A date and time, read on the clocks of the time zone</source>
        <translation>Een datum en tijd, gelezen op de klok van de tijdzone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>minute hour day month weekday, e.g. 10 0 * * *</source>
        <translation>minuut uur dag maand weekdag, bijv. 10 0 * * *</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Five fields as in crontab(5): minute, hour, day of month, month, day of week; or @hourly, @daily…</source>
        <translation>Vijf velden zoals in crontab(5): minuut, uur, dag van de maand, maand, dag van de week; of @hourly, @daily…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Type the trigger.</source>
        <translation>Typ de trigger.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>✔ Valid</source>
        <translation>✔ Geldig</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>(%1 %2)</source>
        <translation>(%1 %2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Never: this time has passed.</source>
        <translation>Nooit: dit tijdstip is voorbij.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not while the schedule is disabled)</source>
        <translation>(niet zolang het schema uitgeschakeld is)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A name is required.</source>
        <translation>Een naam is verplicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The trigger is not valid yet.</source>
        <translation>De trigger is nog niet geldig.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Not saved: %1</source>
        <translation>Niet opgeslagen: %1</translation>
    </message>
</context>
<context>
    <name>wfo::console::SchedulesView</name>
    <message>
        <location filename="../app/console/schedules/schedulesview.cpp" line="+35"/>
        <source>every %1</source>
        <translation>elke %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>once at %1</source>
        <translation>eenmalig op %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cron %1</source>
        <translation>cron %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n missed</source>
        <translation>
            <numerusform>%n gemist</numerusform>
            <numerusform>%n gemist</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Add…</source>
        <translation>&amp;Toevoegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ed&amp;it…</source>
        <translation>Be&amp;werken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+216"/>
        <source>&amp;Disable</source>
        <translation>&amp;Uitschakelen</translation>
    </message>
    <message>
        <location line="-215"/>
        <source>De&amp;lete…</source>
        <translation>Ve&amp;rwijderen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Run now</source>
        <translation>Nu &amp;uitvoeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last &amp;process</source>
        <translation>Laatste &amp;proces</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+14"/>
        <location line="+374"/>
        <source>Schedules</source>
        <translation>Schema&apos;s</translation>
    </message>
    <message>
        <location line="-382"/>
        <source>Workflows that run by themselves. Every engine that takes queued work starts their due runs, each exactly once; runs missed while no engine was up start once when one comes back.</source>
        <translation>Workflows die vanzelf lopen. Elke engine die werk uit de wachtrij neemt, start hun uitvoeringen wanneer ze aan de beurt zijn, elk precies één keer; uitvoeringen die gemist werden terwijl er geen engine draaide, starten één keer zodra er weer een is.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enabled</source>
        <translation>Ingeschakeld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next run</source>
        <translation>Volgende uitvoering</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last run</source>
        <translation>Laatste uitvoering</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Add schedule</source>
        <translation>Schema toevoegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run a workflow by itself on a cron expression, an interval or once</source>
        <translation>Een workflow vanzelf laten lopen volgens een cron-expressie, een interval of eenmalig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit schedule</source>
        <translation>Schema bewerken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the selected schedule (Enter)</source>
        <translation>Het gekozen schema wijzigen (Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Disable or enable the selected schedule</source>
        <translation>Het gekozen schema uit- of inschakelen</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+282"/>
        <source>Delete schedule</source>
        <translation>Schema verwijderen</translation>
    </message>
    <message>
        <location line="-281"/>
        <source>Delete the selected schedule (Del)</source>
        <translation>Het gekozen schema verwijderen (Del)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run schedule now</source>
        <translation>Schema nu uitvoeren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start the selected schedule&apos;s workflow now, once</source>
        <translation>De workflow van het gekozen schema nu één keer starten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open last process</source>
        <translation>Laatste proces openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the process of the selected schedule&apos;s last run</source>
        <translation>Het proces van de laatste uitvoering van het gekozen schema openen</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cannot load the schedules: %1</source>
        <translation>Kan de schema&apos;s niet laden: %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>— (disabled)</source>
        <translation>— (uitgeschakeld)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Id: %1</source>
        <translation>Id: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Next runs:
%1</source>
        <translation>Volgende uitvoeringen:
%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>On the clocks of the engine&apos;s time zone</source>
        <translation>Op de klok van de tijdzone van de engine</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1
Process %2</source>
        <translation>%1
Proces %2</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Read only: %1</source>
        <translation>Alleen lezen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>E&amp;nable</source>
        <translation>&amp;Inschakelen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disable schedule</source>
        <translation>Schema uitschakelen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enable schedule</source>
        <translation>Schema inschakelen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a schedule first.</source>
        <translation>Kies eerst een schema.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no workflow &apos;%1&apos; in this installation.</source>
        <translation>Er is geen workflow &apos;%1&apos; in deze installatie.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This schedule has not run yet.</source>
        <translation>Dit schema is nog niet uitgevoerd.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Saved schedule %1.</source>
        <translation>Schema %1 opgeslagen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Enabled schedule %1.</source>
        <translation>Schema %1 ingeschakeld.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disabled schedule %1.</source>
        <translation>Schema %1 uitgeschakeld.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete the schedule %1 (%2)? Its workflow no longer runs by itself; processes it started stay.</source>
        <translation>Het schema %1 (%2) verwijderen? Zijn workflow loopt dan niet meer vanzelf; processen die het startte blijven bestaan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delete</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Deleted schedule %1.</source>
        <translation>Schema %1 verwijderd.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Started %1 now as process &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;.</source>
        <translation>%1 nu gestart als proces &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 not started: %2</source>
        <translation>%1 niet gestart: %2</translation>
    </message>
</context>
<context>
    <name>wfo::console::SettingsPage</name>
    <message>
        <location filename="../app/console/settings/settingspage.cpp" line="+64"/>
        <source>Settings</source>
        <translation>Instellingen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Engine</source>
        <translation>Engine</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Worker threads</source>
        <translation>Werkthreads</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many processes this console runs at the same time. Applies at the next start.</source>
        <translation>Hoeveel processen deze console tegelijk uitvoert. Geldt vanaf de volgende start.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Applies at the next start (this computer has %n core(s)).</source>
        <translation>
            <numerusform>Geldt vanaf de volgende start (deze computer heeft %n kern).</numerusform>
            <numerusform>Geldt vanaf de volgende start (deze computer heeft %n kernen).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>State:</source>
        <translation>Toestand:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Worker threads:</source>
        <translation>&amp;Werkthreads:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Database location</source>
        <translation>Databaselocatie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Location:</source>
        <translation>&amp;Locatie:</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>&amp;Change…</source>
        <translation>&amp;Wijzigen…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Change database</source>
        <translation>Database wijzigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a SQLite file or a PostgreSQL server</source>
        <translation>Kies een SQLite-bestand of een PostgreSQL-server</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A team shares one PostgreSQL database: its consoles and workers are listed below. --db URL or $WFO_DATABASE_URL at the start win over the choice made here.</source>
        <translation>Een team deelt één PostgreSQL-database: de consoles en workers ervan staan hieronder. --db URL of $WFO_DATABASE_URL bij de start gaan voor op de keuze die hier gemaakt is.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Engine instances</source>
        <translation>Engine-instanties</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Operators</source>
        <translation>Operators</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>REST API</source>
        <translation>REST-API</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Appearance</source>
        <translation>Weergave</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Language</source>
        <translation>Taal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System language</source>
        <translation>Systeemtaal</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Language:</source>
        <translation>&amp;Taal:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies at the next start.</source>
        <translation>Geldt vanaf de volgende start.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Notify me when a process I started fails, or completes after more than a minute</source>
        <translation>&amp;Meld het wanneer een proces dat ik startte mislukt, of na meer dan een minuut voltooid is</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notifications:</source>
        <translation>Meldingen:</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>Pause the engine? New and retried processes wait, on every engine sharing this database; running ones stop after their current step (%n running now). Nothing runs until someone resumes it.</source>
        <translation>
            <numerusform>De engine pauzeren? Nieuwe en opnieuw geprobeerde processen wachten, op elke engine die deze database deelt; lopende processen stoppen na hun huidige stap (nu loopt er %n). Niets loopt tot iemand de engine hervat.</numerusform>
            <numerusform>De engine pauzeren? Nieuwe en opnieuw geprobeerde processen wachten, op elke engine die deze database deelt; lopende processen stoppen na hun huidige stap (nu lopen er %n). Niets loopt tot iemand de engine hervat.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>RUNNING — %n process(es) running</source>
        <translation>
            <numerusform>LOOPT — %n proces bezig</numerusform>
            <numerusform>LOOPT — %n processen bezig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pause engine</source>
        <translation>Engine &amp;pauzeren</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+5"/>
        <location line="+10"/>
        <location line="+15"/>
        <source>Pause engine</source>
        <translation>Engine pauzeren</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>PAUSING — %n process(es) finishing their step</source>
        <translation>
            <numerusform>PAUZEERT — %n proces maakt zijn stap af</numerusform>
            <numerusform>PAUZEERT — %n processen maken hun stap af</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+5"/>
        <source>&amp;Resume engine</source>
        <translation>Engine &amp;hervatten</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+21"/>
        <location line="+5"/>
        <source>Resume engine</source>
        <translation>Engine hervatten</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>PAUSED — no process runs</source>
        <translation>GEPAUZEERD — er loopt geen proces</translation>
    </message>
</context>
<context>
    <name>wfo::console::SkipDialog</name>
    <message>
        <location filename="../app/console/processdetail/stepactiondialogs.cpp" line="+14"/>
        <location line="+24"/>
        <source>Skip step</source>
        <translation>Stap overslaan</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>The step &lt;b&gt;%1&lt;/b&gt; is logged as skipped by you, and the process goes on with the next step as if it had succeeded without changing the state.</source>
        <translation>De stap &lt;b&gt;%1&lt;/b&gt; wordt vastgelegd als door u overgeslagen, en het proces gaat verder met de volgende stap alsof die gelukt was zonder de toestand te veranderen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>It failed with: %1</source>
        <translation>Hij mislukte met: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reason</source>
        <translation>Reden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why may this step be skipped? (required, kept in the log and the audit trail)</source>
        <translation>Waarom mag deze stap worden overgeslagen? (verplicht, bewaard in het logboek en het auditlogboek)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reason:</source>
        <translation>&amp;Reden:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A reason is required.</source>
        <translation>Een reden is verplicht.</translation>
    </message>
</context>
<context>
    <name>wfo::console::StartCard</name>
    <message>
        <location filename="../app/console/start/startcard.cpp" line="+20"/>
        <source>Nothing here.</source>
        <translation>Niets te zien.</translation>
    </message>
</context>
<context>
    <name>wfo::console::StartConfirmation</name>
    <message>
        <location filename="../app/console/common/startconfirmation.cpp" line="+22"/>
        <source>Start %1?</source>
        <translation>%1 starten?</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Target:</source>
        <translation>Doel:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none (the workflow runs on its own)</source>
        <translation>geen (de workflow loopt op zichzelf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subscription:</source>
        <translation>Abonnement:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Steps that will run</source>
        <translation>Stappen die zullen lopen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>These steps will run:</source>
        <translation>Deze stappen zullen lopen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminating ends the customer&apos;s service. Type the subscription&apos;s description to confirm:</source>
        <translation>Beëindigen stopt de dienst van de klant. Typ de omschrijving van het abonnement om te bevestigen:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Subscription description, typed to confirm</source>
        <translation>Omschrijving van het abonnement, getypt om te bevestigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Terminate</source>
        <translation>&amp;Beëindigen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Type the subscription&apos;s description to enable this.</source>
        <translation>Typ de omschrijving van het abonnement om dit mogelijk te maken.</translation>
    </message>
</context>
<context>
    <name>wfo::console::StartPage</name>
    <message numerus="yes">
        <location filename="../app/console/start/startpage.cpp" line="+39"/>
        <source>%n active</source>
        <translation>
            <numerusform>%n actief</numerusform>
            <numerusform>%n actief</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Welcome, %1</source>
        <translation>Welkom, %1</translation>
    </message>
</context>
<context>
    <name>wfo::console::StepListModel</name>
    <message>
        <location filename="../app/console/processdetail/steplistmodel.cpp" line="+120"/>
        <source>Running…</source>
        <translation>Bezig…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Waiting for the engine</source>
        <translation>Wacht op de engine</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Step %1: %2</source>
        <translation>Stap %1: %2</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>⟲ rewound</source>
        <translation>⟲ teruggedraaid</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Skipped: %1</source>
        <translation>Overgeslagen: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rewound by a reset at %1: kept in the log, no longer part of the state.</source>
        <translation>Teruggedraaid door terugzetten op %1: blijft in het logboek, maar hoort niet meer bij de toestand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Skipped by %1: %2</source>
        <translation>Overgeslagen door %1: %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Step</source>
        <translation>Stap</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Duration</source>
        <translation>Duur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>Door</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retries</source>
        <translation>Pogingen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
</context>
<context>
    <name>wfo::console::SubscriptionDeltaView</name>
    <message>
        <location filename="../app/console/processdetail/subscriptiondelta.cpp" line="+107"/>
        <source>depends on</source>
        <translation>hangt af van</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Subscription delta</source>
        <translation>Wijziging van het abonnement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Block / field</source>
        <translation>Blok / veld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>Voor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No changes to the subscription yet.</source>
        <translation>Nog geen wijzigingen aan het abonnement.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>present</source>
        <translation>aanwezig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>added</source>
        <translation>toegevoegd</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>removed</source>
        <translation>verwijderd</translation>
    </message>
</context>
<context>
    <name>wfo::console::SubscriptionDetailView</name>
    <message>
        <location filename="../app/console/subscriptions/subscriptiondetailview.cpp" line="+48"/>
        <source>&amp;Open process</source>
        <translation>Proces &amp;openen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;try</source>
        <translation>Opnieuw &amp;proberen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set &amp;in sync…</source>
        <translation>&amp;In sync zetten…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit note…</source>
        <translation>Notitie bewerken…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show validation tasks</source>
        <translation>Validatietaken tonen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>← Back</source>
        <translation>← Terug</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Back</source>
        <translation>Terug</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Acties</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Note:</source>
        <translation>Notitie:</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+38"/>
        <source>Product blocks</source>
        <translation>Productblokken</translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Block / resource</source>
        <translation>Blok / resource</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Process history</source>
        <translation>Procesgeschiedenis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Target</source>
        <translation>Doel</translation>
    </message>
    <message>
        <location filename="../app/console/subscriptions/subscriptiondetailpresenter.cpp" line="+135"/>
        <location filename="../app/console/subscriptions/subscriptiondetailview.cpp" line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../app/console/subscriptions/subscriptiondetailview.cpp" line="+0"/>
        <source>Created by</source>
        <translation>Aangemaakt door</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Older version</source>
        <translation>Oudere versie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Newer version</source>
        <translation>Nieuwere versie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differences</source>
        <translation>Verschillen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compare version</source>
        <translation>Versie vergelijken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with</source>
        <translation>met</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>General</source>
        <translation>Algemeen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Processes</source>
        <translation>Processen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions</source>
        <translation>Versies</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Run the failed step of that process again</source>
        <translation>De mislukte stap van dat proces opnieuw uitvoeren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mark the subscription in sync without running a workflow (audited)</source>
        <translation>Het abonnement in sync zetten zonder een workflow uit te voeren (komt in het auditlogboek)</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Loading…</source>
        <translation>Laden…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot load the subscription: %1</source>
        <translation>Kan het abonnement niet laden: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>There is no subscription %1.</source>
        <translation>Er is geen abonnement %1.</translation>
    </message>
    <message>
        <location filename="../app/console/subscriptions/subscriptiondetailpresenter.cpp" line="-62"/>
        <source>This subscription is out of sync, and no unfinished process explains why. An operator may set it in sync once it was checked.</source>
        <translation>Dit abonnement is niet in sync, en geen onafgemaakt proces verklaart waarom. Een operator mag het in sync zetten zodra het gecontroleerd is.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This subscription is out of sync: process %1 (%2) left it so at step &apos;%3&apos;. Open the process to retry it, or, once the subscription was checked, set it in sync.</source>
        <translation>Dit abonnement is niet in sync: proces %1 (%2) liet het zo achter bij stap &apos;%3&apos;. Open het proces om het opnieuw te proberen, of zet het abonnement in sync zodra het gecontroleerd is.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The subscription is not in sync.</source>
        <translation>Het abonnement is niet in sync.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subscription is not in sync: process %1 (%2) left it so at step &apos;%3&apos;.</source>
        <translation>Het abonnement is niet in sync: proces %1 (%2) liet het zo achter bij stap &apos;%3&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Finish that process or validate the subscription first.</source>
        <translation>Maak dat proces eerst af of valideer eerst het abonnement.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry or finish that process first, or set the subscription in sync.</source>
        <translation>Probeer dat proces eerst opnieuw of maak het af, of zet het abonnement in sync.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set the subscription in sync first.</source>
        <translation>Zet het abonnement eerst in sync.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>out of sync</source>
        <translation>niet in sync</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>none</source>
        <translation>geen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Subscription id</source>
        <translation>Abonnements-id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In sync</source>
        <translation>In sync</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depends on</source>
        <translation>Hangt af van</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In use by</source>
        <translation>In gebruik door</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 — %2 by %3</source>
        <translation>%1 — %2 door %3</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Version %1</source>
        <translation>Versie %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>saved by %1, %2</source>
        <translation>opgeslagen door %1, %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>step &apos;%1&apos;</source>
        <translation>stap &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>step &apos;%1&apos; of %2</source>
        <translation>stap &apos;%1&apos; van %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made by %1 (%2, %3)</source>
        <translation>gemaakt door %1 (%2, %3)</translation>
    </message>
    <message>
        <location filename="../app/console/subscriptions/subscriptiondetailview.cpp" line="+52"/>
        <source>%1 — of subscription %2 (open)</source>
        <translation>%1 — van abonnement %2 (openen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Depends on another subscription; double-click to open it</source>
        <translation>Hangt af van een ander abonnement; dubbelklik om het te openen</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>The note cannot be changed on this subscription now.</source>
        <translation>De notitie van dit abonnement kan nu niet worden gewijzigd.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Process %1 is %2: it cannot be retried.</source>
        <translation>Proces %1 is %2: het kan niet opnieuw worden geprobeerd.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Process %1 still owns the subscription: retry or abort it first.</source>
        <translation>Proces %1 heeft het abonnement nog in gebruik: probeer het eerst opnieuw of breek het af.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Retry</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+4"/>
        <location line="+10"/>
        <source>Set in sync</source>
        <translation>In sync zetten</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Mark &apos;%1&apos; in sync without running a workflow? Do this only when you checked that the subscription matches the network.</source>
        <translation>&apos;%1&apos; in sync zetten zonder een workflow uit te voeren? Doe dit alleen als u hebt gecontroleerd dat het abonnement overeenkomt met het netwerk.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Double-click to open the process</source>
        <translation>Dubbelklik om het proces te openen</translation>
    </message>
    <message>
        <location filename="../app/console/subscriptions/subscriptiondetailpresenter.cpp" line="+11"/>
        <source>No differences.</source>
        <translation>Geen verschillen.</translation>
    </message>
</context>
<context>
    <name>wfo::console::SubscriptionListModel</name>
    <message>
        <location filename="../app/console/subscriptions/subscriptionlistmodel.cpp" line="+27"/>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In sync</source>
        <translation>In sync</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last modified</source>
        <translation>Laatst gewijzigd</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subscription id</source>
        <translation>Abonnements-id</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out of sync</source>
        <translation>niet in sync</translation>
    </message>
</context>
<context>
    <name>wfo::console::SubscriptionsPage</name>
    <message>
        <location filename="../app/console/subscriptions/subscriptionspage.cpp" line="+66"/>
        <source>&amp;Export CSV…</source>
        <translation>CSV &amp;exporteren…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel export</source>
        <translation>Export annuleren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start &amp;workflow…</source>
        <translation>&amp;Workflow starten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bulk progress…</source>
        <translation>&amp;Voortgang bulk…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+65"/>
        <source>Subscriptions</source>
        <translation>Abonnementen</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>Subscription lifecycle</source>
        <translation>Levenscyclus van het abonnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Actief</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terminated</source>
        <translation>Beëindigd</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Transient</source>
        <translation>In overgang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initial, provisioning and migrating</source>
        <translation>initieel, in aanleg en in migratie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search subscriptions</source>
        <translation>Abonnementen zoeken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search: text, status:active, -tag:(A|B), customer:acme*  (Ctrl+F)</source>
        <translation>Zoeken: tekst, status:active, -tag:(A|B), customer:acme*  (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search help</source>
        <translation>Zoekhulp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How to search</source>
        <translation>Zo zoekt u</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Columns</source>
        <translation>Kolommen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose columns</source>
        <translation>Kolommen kiezen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+161"/>
        <source>Export CSV</source>
        <translation>CSV exporteren</translation>
    </message>
    <message>
        <location line="-159"/>
        <source>Export progress</source>
        <translation>Voortgang van de export</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Start one workflow on the selected subscriptions, or on every subscription the search matches when none is selected</source>
        <translation>Eén workflow starten op de gekozen abonnementen, of op elk abonnement dat bij de zoekvraag past als er geen gekozen is</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show how the last bulk start is coming along</source>
        <translation>Tonen hoe de laatste bulkstart vordert</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Start a workflow on %n selected subscription(s)…</source>
        <translation>
            <numerusform>Een workflow starten op %n gekozen abonnement…</numerusform>
            <numerusform>Een workflow starten op %n gekozen abonnementen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Cannot search: %1</source>
        <translation>Kan niet zoeken: %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Export failed.</source>
        <translation>Exporteren mislukt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export cancelled.</source>
        <translation>Exporteren geannuleerd.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n row(s) written to %1</source>
        <translation>
            <numerusform>%n rij geschreven naar %1</numerusform>
            <numerusform>%n rijen geschreven naar %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cancelled</source>
        <translation>Geannuleerd</translation>
    </message>
    <message numerus="yes">
        <location line="+101"/>
        <source>%n subscription(s)</source>
        <translation>
            <numerusform>%n abonnement</numerusform>
            <numerusform>%n abonnementen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Searching subscriptions</source>
        <translation>Abonnementen zoeken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;p&gt;Words match the id, description, customer, product, tag and status, ignoring case.&lt;/p&gt;&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;fiber ams&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;both words&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;status:active&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;one field&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;tag:(NodeEnrollment|IP)&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;any of the values&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;-status:terminated&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;not&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;customer:acme*&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;starts with&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;product:&quot;Node Enrollment&quot;&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;a phrase&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Fields: %1&lt;/p&gt;</source>
        <translation>&lt;p&gt;Woorden worden gezocht in id, beschrijving, klant, product, tag en status, ongeacht hoofdletters.&lt;/p&gt;&lt;table cellspacing=4&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;fiber ams&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;beide woorden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;status:active&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;één veld&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;tag:(NodeEnrollment|IP)&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;een van de waarden&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;-status:terminated&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;niet&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;customer:acme*&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;begint met&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;&lt;tt&gt;product:&quot;Node Enrollment&quot;&lt;/tt&gt;&lt;/td&gt;&lt;td&gt;een woordgroep&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;p&gt;Velden: %1&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export subscriptions</source>
        <translation>Abonnementen exporteren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-bestanden (*.csv)</translation>
    </message>
</context>
<context>
    <name>wfo::console::TasksPage</name>
    <message>
        <location filename="../app/console/processes/taskspage.cpp" line="+25"/>
        <source>&amp;Run task…</source>
        <translation>Taak &amp;uitvoeren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry all &amp;failed tasks…</source>
        <translation>Alle &amp;mislukte taken opnieuw proberen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+23"/>
        <source>Run task</source>
        <translation>Taak uitvoeren</translation>
    </message>
    <message>
        <location line="-21"/>
        <location line="+77"/>
        <location line="+4"/>
        <location line="+4"/>
        <location line="+18"/>
        <location line="+8"/>
        <source>Retry all failed tasks</source>
        <translation>Alle mislukte taken opnieuw proberen</translation>
    </message>
    <message>
        <location line="-87"/>
        <source>Task workflows</source>
        <translation>Taakworkflows</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Run</source>
        <translation>Uitvoeren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose the task to run:</source>
        <translation>Kies de taak die u wilt uitvoeren:</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>No task has failed.</source>
        <translation>Er is geen taak mislukt.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Retry %n failed task(s)?</source>
        <translation>
            <numerusform>%n mislukte taak opnieuw proberen?</numerusform>
            <numerusform>%n mislukte taken opnieuw proberen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Retry</source>
        <translation>Opnieuw proberen</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>%n task(s) could not be retried:</source>
        <translation>
            <numerusform>%n taak kon niet opnieuw worden geprobeerd:</numerusform>
            <numerusform>%n taken konden niet opnieuw worden geprobeerd:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>wfo::console::WorkflowLauncher</name>
    <message>
        <location filename="../app/console/common/workflowlauncher.cpp" line="+59"/>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Cannot start %1</source>
        <translation>Kan %1 niet starten</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::BulkCommands</name>
    <message>
        <location filename="../app/ctl/bulkcommands.cpp" line="+35"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REASON</source>
        <translation>REDEN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WHY</source>
        <translation>WAAROM</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 of %2 at rest</source>
        <translation>%1 van %2 tot stilstand</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%n process(es) queued.</source>
        <translation>
            <numerusform>%n proces in de wachtrij gezet.</numerusform>
            <numerusform>%n processen in de wachtrij gezet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 completed, %2 came to rest otherwise.</source>
        <translation>%1 voltooid, %2 op een andere manier tot stilstand gekomen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Interrupted: the processes not yet at rest are queued again and run in the next engine.</source>
        <translation>Onderbroken: de processen die nog niet tot stilstand kwamen, staan weer in de wachtrij en lopen in de volgende engine.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&apos;%1&apos; is not a process status.</source>
        <translation>&apos;%1&apos; is geen processtatus.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No process to retry.</source>
        <translation>Geen proces om opnieuw te proberen.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Retrying %n process(es).</source>
        <translation>
            <numerusform>%n proces wordt opnieuw geprobeerd.</numerusform>
            <numerusform>%n processen worden opnieuw geprobeerd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not retried:</source>
        <translation>Niet opnieuw geprobeerd:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no workflow &apos;%1&apos;; &apos;orchestratorctl workflows&apos; lists them.</source>
        <translation>Er is geen workflow &apos;%1&apos;; &apos;orchestratorctl workflows&apos; toont ze.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No subscription matches &apos;%1&apos;.</source>
        <translation>Geen abonnement komt overeen met &apos;%1&apos;.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%1 of %n matching subscription(s) can run %2.</source>
        <translation>
            <numerusform>%1 van %n overeenkomend abonnement kan %2 uitvoeren.</numerusform>
            <numerusform>%1 van %n overeenkomende abonnementen kunnen %2 uitvoeren.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot run it:</source>
        <translation>Kan het niet uitvoeren:</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Start %n process(es)? [y/N] </source>
        <translation>
            <numerusform>%n proces starten? [j/N] </numerusform>
            <numerusform>%n processen starten? [j/N] </numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>y</source>
        <translation>j</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing started.</source>
        <translation>Niets gestart.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Started %n process(es).</source>
        <translation>
            <numerusform>%n proces gestart.</numerusform>
            <numerusform>%n processen gestart.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Retry every process the query matches (by default those that failed or wait), as one audited action, and run them here until they come to rest.</source>
        <translation>Elk proces dat bij de zoekvraag past (standaard de mislukte en wachtende) opnieuw proberen, als één actie in het auditlogboek, en ze hier laten lopen tot ze tot stilstand komen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Which processes, in the console&apos;s search syntax (without status: those that failed or wait), e.g. &apos;status:failed workflow:validate_node_enrollment customer:acme&apos;.</source>
        <translation>Welke processen, in de zoektaal van de console (zonder status: de mislukte of wachtende), bijvoorbeeld &apos;status:failed workflow:validate_node_enrollment customer:acme&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>QUERY</source>
        <translation>ZOEKVRAAG</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+18"/>
        <source>Only queue them; a worker or console runs them.</source>
        <translation>Ze alleen in de wachtrij zetten; een worker of console voert ze uit.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>&apos;retry&apos; needs --matching QUERY.</source>
        <translation>&apos;retry&apos; heeft --matching ZOEKVRAAG nodig.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Retry every failed task, as orchestrator-core&apos;s resume-all, as one audited action.</source>
        <translation>Elke mislukte taak opnieuw proberen, zoals resume-all van orchestrator-core, als één actie in het auditlogboek.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::CommandParser</name>
    <message>
        <location filename="../app/ctl/commandparser.cpp" line="+21"/>
        <source>The command: %1.</source>
        <translation>De opdracht: %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database URL: sqlite:///abs/path.db or postgresql://user[:pass]@host[:port]/db (default: $WFO_DATABASE_URL, else a SQLite file in the user data folder).</source>
        <translation>Database-URL: sqlite:///abs/pad.db of postgresql://gebruiker[:wachtwoord]@host[:poort]/db (standaard: $WFO_DATABASE_URL, anders een SQLite-bestand in de gegevensmap van de gebruiker).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print results as JSON.</source>
        <translation>Resultaten als JSON tonen.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Missing argument.</source>
        <translation>Argument ontbreekt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unexpected argument &apos;%1&apos;.</source>
        <translation>Onverwacht argument &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Try &apos;orchestratorctl %1 --help&apos;.</source>
        <translation>Probeer &apos;orchestratorctl %1 --help&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Worker threads (default %1 on SQLite, %2 on PostgreSQL).</source>
        <translation>Werkthreads (standaard %1 bij SQLite, %2 bij PostgreSQL).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--threads needs a number from 1 to 64.</source>
        <translation>--threads heeft een getal van 1 tot en met 64 nodig.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::CtlApp</name>
    <message>
        <location filename="../app/ctl/ctlapp.cpp" line="+57"/>
        <source>Runs and inspects Orchestrator Console workflows from the command line.

Commands:
  init                      create or migrate the schema, register workflows
  workflows | products      list
  start WORKFLOW [--product NAME|ID] [--subscription ID] [--input JSON|@FILE] [--detach]
  start WORKFLOW --matching QUERY [--dry-run] [--yes]
  retry --matching QUERY | resume-all   retry many processes / every failed task
  processes [--status S] [--workflow W]
  show PROCESS_ID           a process with its steps
  resume PROCESS_ID [--input JSON|@FILE] [--detach]
  abort PROCESS_ID
  reset PROCESS_ID --to-step N|NAME [--detach]
  skip PROCESS_ID --reason TEXT [--detach]
  subscriptions [--search Q] [--status S] | subscription SUBSCRIPTION_ID
  engine status|pause|resume
  worker [--threads N]      run the engine headless until SIGINT/SIGTERM
  serve [--listen HOST:PORT] [--tls-cert F --tls-key F] [--threads N]
                            the engine and the REST API until SIGINT/SIGTERM
  operators list | add NAME --role R | set NAME --role R | disable NAME | grant-sql
  audit [--since T] [--actor A] [--target ID]
  tokens list | create --user NAME [--expires DAYS] [--description TEXT] | revoke ID
  schedules list | add WORKFLOW [--id ID] --cron EXPR|--every D|--at T [--tz Z] | set ID ... | enable ID | disable ID | remove ID | run ID
&apos;orchestratorctl COMMAND --help&apos; describes a command.

Exit codes: 0 done, 1 error, 2 usage, 3 the form needs more input, 4 the input is not valid, 5 the workflow is blocked, 6 the process came to rest failed, waiting or aborted, 7 the action is not permitted for this operator.</source>
        <translation>Voert workflows van Orchestrator Console uit en toont ze, vanaf de opdrachtregel.

Opdrachten:
  init                      het schema aanmaken of migreren, workflows registreren
  workflows | products      tonen
  start WORKFLOW [--product NAAM|ID] [--subscription ID] [--input JSON|@BESTAND] [--detach]
  start WORKFLOW --matching ZOEKVRAAG [--dry-run] [--yes]
  retry --matching ZOEKVRAAG | resume-all   veel processen / elke mislukte taak opnieuw proberen
  processes [--status S] [--workflow W]
  show PROCES_ID            een proces met zijn stappen
  resume PROCES_ID [--input JSON|@BESTAND] [--detach]
  abort PROCES_ID
  reset PROCES_ID --to-step N|NAAM [--detach]
  skip PROCES_ID --reason TEKST [--detach]
  subscriptions [--search Q] [--status S] | subscription ABONNEMENT_ID
  engine status|pause|resume
  worker [--threads N]      de engine zonder venster draaien tot SIGINT/SIGTERM
  serve [--listen HOST:POORT] [--tls-cert B --tls-key B] [--threads N]
                            de engine en de REST-API tot SIGINT/SIGTERM
  operators list | add NAAM --role R | set NAAM --role R | disable NAAM | grant-sql
  audit [--since T] [--actor A] [--target ID]
  tokens list | create --user NAAM [--expires DAGEN] [--description TEKST] | revoke ID
  schedules list | add WORKFLOW [--id ID] --cron EXPR|--every D|--at T [--tz Z] | set ID ... | enable ID | disable ID | remove ID | run ID
&apos;orchestratorctl OPDRACHT --help&apos; beschrijft een opdracht.

Afsluitcodes: 0 gereed, 1 fout, 2 verkeerd gebruik, 3 het formulier heeft meer invoer nodig, 4 de invoer is niet geldig, 5 de workflow is geblokkeerd, 6 het proces kwam tot stilstand als mislukt, wachtend of afgebroken, 7 deze operator mag de actie niet uitvoeren.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Print the version.</source>
        <translation>De versie tonen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The command and its arguments.</source>
        <translation>De opdracht en zijn argumenten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+25"/>
        <location line="+13"/>
        <source>Try &apos;orchestratorctl --help&apos;.</source>
        <translation>Probeer &apos;orchestratorctl --help&apos;.</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>product pack: %1</source>
        <translation>productpakket: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Warning: %1</source>
        <translation>Waarschuwing: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No command given.</source>
        <translation>Geen opdracht opgegeven.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unknown command &apos;%1&apos;.</source>
        <translation>Onbekende opdracht &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::CtlContext</name>
    <message>
        <location filename="../app/ctl/ctlcontext.cpp" line="+58"/>
        <source>Warning: %1</source>
        <translation>Waarschuwing: %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The --db option is empty; give a database URL such as sqlite:///home/me/orchestrator.db, or leave --db out for the default.</source>
        <translation>De optie --db is leeg; geef een database-URL zoals sqlite:///home/ik/orchestrator.db, of laat --db weg voor de standaarddatabase.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Invalid database URL in %1: %2</source>
        <translation>Ongeldige database-URL in %1: %2</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>There is no database file &apos;%1&apos;. Check --db, or create the database with &apos;orchestratorctl --db %2 init&apos;.</source>
        <translation>Er is geen databasebestand &apos;%1&apos;. Controleer --db, of maak de database aan met &apos;orchestratorctl --db %2 init&apos;.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::DomainCommands</name>
    <message>
        <location filename="../app/ctl/domaincommands.cpp" line="+23"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> (of subscription %1)</source>
        <translation> (van abonnement %1)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschrijving</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In sync</source>
        <translation>In sync</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Start date</source>
        <translation>Begindatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End date</source>
        <translation>Einddatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Notitie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version</source>
        <translation>Versie</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Blocks</source>
        <translation>Blokken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In use by</source>
        <translation>In gebruik door</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depends on</source>
        <translation>Hangt af van</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>available</source>
        <translation>beschikbaar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>TARGET</source>
        <translation>TARGET</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WORKFLOW</source>
        <translation>WORKFLOW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AVAILABLE</source>
        <translation>BESCHIKBAAR</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>REASON</source>
        <translation>REDEN</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>VERSION</source>
        <translation>VERSIE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PROCESS</source>
        <translation>PROCES</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>STEP</source>
        <translation>STAP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>BY</source>
        <translation>DOOR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>AT</source>
        <translation>OP</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>List the products with their workflows.</source>
        <translation>De producten tonen met hun workflows.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No products.</source>
        <translation>Geen producten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NAME</source>
        <translation>NAAM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TAG</source>
        <translation>TAG</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+54"/>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>WORKFLOWS</source>
        <translation>WORKFLOWS</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>List the subscriptions, newest first.</source>
        <translation>De abonnementen tonen, het nieuwste eerst.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only subscriptions matching Q: free text or field:value (status, customer, product, tag...), as in the console.</source>
        <translation>Alleen abonnementen die overeenkomen met Q: vrije tekst of veld:waarde (status, customer, product, tag...), zoals in de console.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only subscriptions in lifecycle status S (several: S1,S2).</source>
        <translation>Alleen abonnementen met levenscyclusstatus S (meerdere: S1,S2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N subscriptions (default 100).</source>
        <translation>Hoogstens N abonnementen (standaard 100).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is not a subscription status; use one of %2.</source>
        <translation>&apos;%1&apos; is geen abonnementsstatus; gebruik een van %2.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--limit needs a positive number.</source>
        <translation>--limit heeft een positief getal nodig.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No subscriptions.</source>
        <translation>Geen abonnementen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PRODUCT</source>
        <translation>PRODUCT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IN SYNC</source>
        <translation>IN SYNC</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CUSTOMER</source>
        <translation>KLANT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DESCRIPTION</source>
        <translation>BESCHRIJVING</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show a subscription: its blocks, relations, versions and the workflows that may run on it (with the reasons of the others).</source>
        <translation>Een abonnement tonen: zijn blokken, relaties, versies en de workflows die erop mogen draaien (met de redenen voor de andere).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>There is no subscription &apos;%1&apos;.</source>
        <translation>Er is geen abonnement &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>The subscription.</source>
        <translation>Het abonnement.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::EngineCommands</name>
    <message numerus="yes">
        <location filename="../app/ctl/enginecommands.cpp" line="+31"/>
        <source>Engine: %1 (%n running process(es))</source>
        <translation>
            <numerusform>Engine: %1 (%n proces bezig)</numerusform>
            <numerusform>Engine: %1 (%n processen bezig)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Create or migrate the database schema and register the workflows and the packs&apos; products.</source>
        <translation>Het databaseschema aanmaken of migreren en de workflows en de producten van de pakketten registreren.</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Database %1 is ready (schema version %2); %n workflow(s) registered.</source>
        <translation>
            <numerusform>Database %1 is gereed (schemaversie %2); %n workflow geregistreerd.</numerusform>
            <numerusform>Database %1 is gereed (schemaversie %2); %n workflows geregistreerd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>List the workflows this program can run.</source>
        <translation>De workflows tonen die dit programma kan uitvoeren.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>task</source>
        <translation>taak</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>NAME</source>
        <translation>NAAM</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TARGET</source>
        <translation>TARGET</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>KIND</source>
        <translation>SOORT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DESCRIPTION</source>
        <translation>BESCHRIJVING</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Show the engine status (RUNNING, PAUSING or PAUSED), or pause or resume every engine on the database (the global lock).</source>
        <translation>De status van de engine tonen (RUNNING, PAUSING of PAUSED), of elke engine op de database pauzeren of hervatten (de globale vergrendeling).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>status, pause or resume.</source>
        <translation>status, pause of resume.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown engine action &apos;%1&apos;.</source>
        <translation>Onbekende engine-actie &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Engine paused: new and resumed processes wait; running ones stop after their current step.</source>
        <translation>Engine gepauzeerd: nieuwe en hervatte processen wachten; lopende processen stoppen na hun huidige stap.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Engine resumed.</source>
        <translation>Engine hervat.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::EngineSession</name>
    <message>
        <location filename="../app/ctl/enginesession.cpp" line="+49"/>
        <source>Interrupted.</source>
        <translation>Onderbroken.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::InputOption</name>
    <message>
        <location filename="../app/ctl/inputoption.cpp" line="+120"/>
        <source>--input</source>
        <translation>--input</translation>
    </message>
    <message>
        <location line="-56"/>
        <location line="+25"/>
        <location line="+7"/>
        <location line="+13"/>
        <location line="+15"/>
        <source>Cannot read the input file &apos;%1&apos;: %2</source>
        <translation>Kan het invoerbestand &apos;%1&apos; niet lezen: %2</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Too much input in %1: more than %2 KiB. Form input is never that large; check the file or the argument.</source>
        <translation>Te veel invoer in %1: meer dan %2 KiB. Formulierinvoer is nooit zo groot; controleer het bestand of het argument.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The input file &apos;%1&apos; is not a regular file (it is a %2); give the path of a JSON file.</source>
        <translation>Het invoerbestand &apos;%1&apos; is geen gewoon bestand (het is een %2); geef het pad van een JSON-bestand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>directory</source>
        <translation>map</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>named pipe</source>
        <translation>named pipe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>socket</source>
        <translation>socket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>device</source>
        <translation>apparaat</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>no file name given</source>
        <translation>geen bestandsnaam opgegeven</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the input file &apos;%1&apos;</source>
        <translation>het invoerbestand &apos;%1&apos;</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The JSON in %1 is malformed at offset %2: %3.</source>
        <translation>De JSON in %1 is ongeldig op positie %2: %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The JSON in %1 must be an object or an array of objects.</source>
        <translation>De JSON in %1 moet een object of een array van objecten zijn.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Element %1 of the JSON array in %2 is not an object; give one object per form page.</source>
        <translation>Element %1 van de JSON-array in %2 is geen object; geef één object per formulierpagina.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::OperatorCommands</name>
    <message>
        <location filename="../app/ctl/operatorcommands.cpp" line="+25"/>
        <source>No operators are defined: everyone acts as admin. Add the first with &apos;orchestratorctl operators add NAME --role admin&apos;.</source>
        <translation>Er zijn geen operators vastgelegd: iedereen werkt als beheerder. Voeg de eerste toe met &apos;orchestratorctl operators add NAAM --role admin&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+33"/>
        <source>USER</source>
        <translation>GEBRUIKER</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+51"/>
        <location line="+75"/>
        <source>NAME</source>
        <translation>NAAM</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+121"/>
        <source>ROLE</source>
        <translation>ROL</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>ENABLED</source>
        <translation>ACTIEF</translation>
    </message>
    <message>
        <location line="+114"/>
        <source>List the operators, or add, change or disable one (admin). While no operator is defined everyone acts as admin; once one is, users not in the list are refused. &apos;grant-sql&apos; prints the PostgreSQL roles and GRANTs that make the database refuse what a role may not do.</source>
        <translation>De operators tonen, of er een toevoegen, wijzigen of uitschakelen (beheerder). Zolang er geen operator is vastgelegd werkt iedereen als beheerder; zodra er een is, worden gebruikers die niet in de lijst staan geweigerd. &apos;grant-sql&apos; drukt de PostgreSQL-rollen en GRANTs af waarmee de database zelf weigert wat een rol niet mag.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>list, add, set, disable or grant-sql.</source>
        <translation>list, add, set, disable of grant-sql.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The operator&apos;s user name.</source>
        <translation>De gebruikersnaam van de operator.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>viewer, operator or admin.</source>
        <translation>viewer, operator of admin.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operator&apos;s full name.</source>
        <translation>De volledige naam van de operator.</translation>
    </message>
    <message>
        <location line="-68"/>
        <location line="+68"/>
        <source>TEXT</source>
        <translation>TEKST</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>No API tokens: the API answers only on the loopback address, acting as the user who serves it. Create one with &apos;orchestratorctl tokens create --user NAME&apos;.</source>
        <translation>Geen API-tokens: de API antwoordt alleen op het loopback-adres, namens de gebruiker die haar aanbiedt. Maak er een met &apos;orchestratorctl tokens create --user NAAM&apos;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>revoked</source>
        <translation>ingetrokken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>expired</source>
        <translation>verlopen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>active</source>
        <translation>actief</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>never</source>
        <translation>nooit</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>STATE</source>
        <translation>TOESTAND</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EXPIRES</source>
        <translation>VERLOOPT</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CREATED</source>
        <translation>AANGEMAAKT</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DESCRIPTION</source>
        <translation>OMSCHRIJVING</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>List, create or revoke the REST API&apos;s bearer tokens (admin). Each token acts as its operator, with that operator&apos;s role. A new token is printed once and only its hash is stored. Once any token exists, the API asks every request for one.</source>
        <translation>De bearer-tokens van de REST-API tonen, aanmaken of intrekken (beheerder). Elk token handelt namens zijn operator, met de rol van die operator. Een nieuw token wordt één keer getoond en alleen zijn hash wordt bewaard. Zodra er een token bestaat, vraagt de API er bij elk verzoek om.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>list, create or revoke.</source>
        <translation>list, create of revoke.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoke: the token&apos;s ID (see &apos;tokens list&apos;).</source>
        <translation>revoke: de ID van het token (zie &apos;tokens list&apos;).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create: the operator the token acts as.</source>
        <translation>create: de operator namens wie het token handelt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>create: the token expires after DAYS days (default: never).</source>
        <translation>create: het token verloopt na DAGEN dagen (standaard: nooit).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DAYS</source>
        <translation>DAGEN</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>create: what the token is for.</source>
        <translation>create: waarvoor het token dient.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Unknown tokens action &apos;%1&apos;.</source>
        <translation>Onbekende tokens-actie &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;tokens revoke&apos; needs the token&apos;s ID.</source>
        <translation>&apos;tokens revoke&apos; heeft de ID van het token nodig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;tokens create&apos; needs --user NAME.</source>
        <translation>&apos;tokens create&apos; heeft --user NAAM nodig.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--expires takes a number of days, 1 or more.</source>
        <translation>--expires vraagt om een aantal dagen, 1 of meer.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Token %1 is revoked.</source>
        <translation>Token %1 is ingetrokken.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Token %1 acts as &apos;%2&apos;. It is shown only now: keep it in a safe place. Send it as &apos;Authorization: Bearer TOKEN&apos;.</source>
        <translation>Token %1 handelt namens &apos;%2&apos;. Het wordt alleen nu getoond: bewaar het op een veilige plek. Stuur het als &apos;Authorization: Bearer TOKEN&apos;.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>grant-sql: the PostgreSQL schema of the tables (default public).</source>
        <translation>grant-sql: het PostgreSQL-schema van de tabellen (standaard public).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Unknown operators action &apos;%1&apos;.</source>
        <translation>Onbekende operators-actie &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;operators %1&apos; needs the operator&apos;s user name.</source>
        <translation>&apos;operators %1&apos; heeft de gebruikersnaam van de operator nodig.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>There is no operator &apos;%1&apos;.</source>
        <translation>Er is geen operator &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is not a role; use viewer, operator or admin.</source>
        <translation>&apos;%1&apos; is geen rol; gebruik viewer, operator of admin.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;operators %1&apos; needs --role.</source>
        <translation>&apos;operators %1&apos; heeft --role nodig.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Show the audit trail: every operator action, allowed or refused, newest first.</source>
        <translation>Het auditlogboek tonen: elke actie van een operator, toegestaan of geweigerd, de nieuwste eerst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only actions at or after T (YYYY-MM-DD or a timestamp).</source>
        <translation>Alleen acties op of na T (JJJJ-MM-DD of een tijdstempel).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>T</source>
        <translation>T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only actions of operator A.</source>
        <translation>Alleen acties van operator A.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only actions on process, subscription or operator ID.</source>
        <translation>Alleen acties op proces, abonnement of operator ID.</translation>
    </message>
    <message>
        <location line="-158"/>
        <location line="+158"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N rows (default 1000).</source>
        <translation>Hoogstens N regels (standaard 1000).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--limit takes a positive number.</source>
        <translation>--limit verwacht een positief getal.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>allowed</source>
        <translation>toegestaan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>refused</source>
        <translation>geweigerd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>WHEN</source>
        <translation>WANNEER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WHO</source>
        <translation>WIE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>FROM</source>
        <translation>VANAF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ACTION</source>
        <translation>ACTIE</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TARGET</source>
        <translation>TARGET</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RESULT</source>
        <translation>RESULTAAT</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::Output</name>
    <message>
        <location filename="../app/ctl/output.cpp" line="+64"/>
        <source>Process</source>
        <translation>Proces</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last step</source>
        <translation>Laatste stap</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created by</source>
        <translation>Aangemaakt door</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Gestart</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last modified</source>
        <translation>Laatst gewijzigd</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failed reason</source>
        <translation>Reden van mislukken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subscriptions</source>
        <translation>Abonnementen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callback route</source>
        <translation>Callback-route</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Progress</source>
        <translation>Voortgang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none reported yet</source>
        <translation>nog niets gemeld</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deadline</source>
        <translation>Uiterlijk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none (waits until called back or aborted)</source>
        <translation>geen (wacht tot er teruggeroepen wordt of tot het afgebroken wordt)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 (rewound)</source>
        <translation>%1 (teruggedraaid)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>skipped by %1: %2</source>
        <translation>overgeslagen door %1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <source>STATUS</source>
        <translation>STATUS</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>STEP</source>
        <translation>STAP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>RETRIES</source>
        <translation>POGINGEN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>COMPLETED AT</source>
        <translation>VOLTOOID OP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ERROR / REASON</source>
        <translation>FOUT / REDEN</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No processes.</source>
        <translation>Geen processen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WORKFLOW</source>
        <translation>WORKFLOW</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAST STEP</source>
        <translation>LAATSTE STAP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CREATED BY</source>
        <translation>AANGEMAAKT DOOR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LAST MODIFIED</source>
        <translation>LAATST GEWIJZIGD</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::ProcessCommands</name>
    <message>
        <location filename="../app/ctl/processcommands.cpp" line="+22"/>
        <source>There is no process &apos;%1&apos;.</source>
        <translation>Er is geen proces &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>List processes, most recently changed first. With --json each process has the shape of &apos;show --json&apos; but an empty &apos;steps&apos; list (use &apos;show&apos; for the steps).</source>
        <translation>Processen tonen, het laatst gewijzigde eerst. Met --json heeft elk proces de vorm van &apos;show --json&apos;, maar met een lege lijst &apos;steps&apos; (gebruik &apos;show&apos; voor de stappen).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only processes in status S (a comma-separated list).</source>
        <translation>Alleen processen met status S (een lijst gescheiden door komma&apos;s).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only processes of workflow W.</source>
        <translation>Alleen processen van workflow W.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only processes that the search Q selects, in the console&apos;s search syntax (for instance &apos;status:failed customer:acme workflow:validate*&apos;).</source>
        <translation>Alleen de processen die zoekopdracht Q selecteert, in de zoektaal van de console (bijvoorbeeld &apos;status:failed customer:acme workflow:validate*&apos;).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Q</source>
        <translation>Q</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most N processes (default 1000).</source>
        <translation>Hoogstens N processen (standaard 1000).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Unknown process status &apos;%1&apos;.</source>
        <translation>Onbekende processtatus &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--limit needs a positive number.</source>
        <translation>--limit heeft een positief getal nodig.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Show a process with its steps.</source>
        <translation>Een proces tonen met zijn stappen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+21"/>
        <source>The process.</source>
        <translation>Het proces.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Abort a process. A process at rest is aborted at once; a running one stops after its current step.</source>
        <translation>Een proces afbreken. Een stilstaand proces wordt meteen afgebroken; een lopend proces stopt na zijn huidige stap.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Abort requested: the engine running process %1 stops it after its current step.</source>
        <translation>Afbreken aangevraagd: de engine die proces %1 uitvoert, stopt het na de huidige stap.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::RunCommands</name>
    <message>
        <location filename="../app/ctl/runcommands.cpp" line="+22"/>
        <source>Form input: a JSON object (keys handed to each page by field name) or an array with one object per page; @FILE reads it from a file.</source>
        <translation>Formulierinvoer: een JSON-object (de sleutels gaan per veldnaam naar elke pagina) of een array met één object per pagina; @BESTAND leest de invoer uit een bestand.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JSON|@FILE</source>
        <translation>JSON|@BESTAND</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only queue the process; a worker or console runs it. Without it, the process runs here until it comes to rest.</source>
        <translation>Het proces alleen in de wachtrij zetten; een worker of console voert het uit. Zonder deze optie draait het proces hier tot het tot stilstand komt.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Give the answers with --input; the page&apos;s JSON schema:</source>
        <translation>Geef de antwoorden met --input; het JSON-schema van de pagina:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Blocked (%1): %2</source>
        <translation>Geblokkeerd (%1): %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The engine refused the request.</source>
        <translation>De engine heeft het verzoek geweigerd.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The engine is paused: the process is queued and runs when the engine is resumed (&apos;engine resume&apos;).</source>
        <translation>De engine is gepauzeerd: het proces staat in de wachtrij en draait zodra de engine wordt hervat (&apos;engine resume&apos;).</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Interrupted: the process is queued again and runs in the next engine that takes it.</source>
        <translation>Onderbroken: het proces staat weer in de wachtrij en draait in de volgende engine die het oppakt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The engine lost the database while running the process; it is recovered when an engine starts.</source>
        <translation>De engine verloor de verbinding met de database tijdens het proces; het wordt hersteld zodra een engine start.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The process came to rest %1.</source>
        <translation>Het proces kwam tot stilstand als %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start a workflow and run it until it comes to rest (or only queue it with --detach).</source>
        <translation>Een workflow starten en uitvoeren tot het proces tot stilstand komt (of het alleen in de wachtrij zetten met --detach).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The workflow&apos;s name.</source>
        <translation>De naam van de workflow.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The product (name or id) for a create workflow.</source>
        <translation>Het product (naam of id) voor een create-workflow.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>NAME|ID</source>
        <translation>NAAM|ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The subscription the workflow works on.</source>
        <translation>Het abonnement waarop de workflow werkt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start it on every subscription this search matches (the syntax of &apos;subscriptions --search&apos;) that may run it, as one audited action; those that may not are listed with why.</source>
        <translation>Het starten op elk abonnement dat bij deze zoekvraag past (de syntaxis van &apos;subscriptions --search&apos;) en het mag uitvoeren, als één actie in het auditlogboek; de abonnementen die het niet mogen, worden getoond met de reden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>QUERY</source>
        <translation>ZOEKVRAAG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>With --matching: only say which subscriptions can run it, and why the others cannot.</source>
        <translation>Met --matching: alleen zeggen welke abonnementen het kunnen uitvoeren, en waarom de andere niet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --matching: start without asking (a terminal is asked first).</source>
        <translation>Met --matching: starten zonder te vragen (op een terminal wordt eerst gevraagd).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--matching takes no --subscription, --product or --input.</source>
        <translation>--matching gaat niet samen met --subscription, --product of --input.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--dry-run and --yes go with --matching.</source>
        <translation>--dry-run en --yes horen bij --matching.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>There is no workflow &apos;%1&apos;; &apos;orchestratorctl workflows&apos; lists them.</source>
        <translation>Er is geen workflow &apos;%1&apos;; &apos;orchestratorctl workflows&apos; toont ze.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Note: %1 has no initial form; --input is not used.</source>
        <translation>Let op: %1 heeft geen beginformulier; --input wordt niet gebruikt.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Resume a suspended process with input, or retry a failed or waiting one, and run it until it comes to rest.</source>
        <translation>Een opgeschort proces hervatten met invoer, of een mislukt of wachtend proces opnieuw proberen, en het uitvoeren tot het tot stilstand komt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+27"/>
        <location line="+35"/>
        <source>The process.</source>
        <translation>Het proces.</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Rewind a process that is not running and not completed to an earlier step: its state becomes the state before that step, the later log rows are kept and marked rewound, subscriptions the rewound steps wrote get a version restoring them, and the process runs again from that step until it comes to rest. What the rewound steps did outside the database is not undone.</source>
        <translation>Een proces dat niet loopt en niet voltooid is terugzetten naar een eerdere stap: zijn toestand wordt de toestand van vóór die stap, de latere regels van het logboek blijven bewaard en worden gemarkeerd als teruggedraaid, abonnementen die de teruggedraaide stappen schreven krijgen een versie die ze terugzet, en het proces loopt vanaf die stap opnieuw tot het tot stilstand komt. Wat de teruggedraaide stappen buiten de database deden wordt niet ongedaan gemaakt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The step to go back to: its number as &apos;show&apos; prints it, or its name.</source>
        <translation>De stap om naar terug te gaan: zijn nummer zoals &apos;show&apos; het toont, of zijn naam.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N|NAME</source>
        <translation>N|NAAM</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;reset&apos; needs --to-step N|NAME.</source>
        <translation>&apos;reset&apos; heeft --to-step N|NAAM nodig.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--to-step counts from 1, as &apos;show&apos; numbers the steps.</source>
        <translation>--to-step telt vanaf 1, zoals &apos;show&apos; de stappen nummert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Skip the failed step of a process (admin): it is logged as skipped with the reason, and the process goes on with the next step until it comes to rest.</source>
        <translation>De mislukte stap van een proces overslaan (beheerder): die wordt vastgelegd als overgeslagen met de reden, en het proces gaat verder met de volgende stap tot het tot stilstand komt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why the step is skipped (required).</source>
        <translation>Waarom de stap wordt overgeslagen (verplicht).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TEXT</source>
        <translation>TEKST</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&apos;skip&apos; needs --reason TEXT.</source>
        <translation>&apos;skip&apos; heeft --reason TEKST nodig.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::ScheduleCommands</name>
    <message>
        <location filename="../app/ctl/schedulecommands.cpp" line="+24"/>
        <source>No schedules.</source>
        <translation>Geen schema&apos;s.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source> (+%1 missed)</source>
        <translation> (+%1 gemist)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no</source>
        <translation>nee</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+27"/>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>WORKFLOW</source>
        <translation>WORKFLOW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TRIGGER</source>
        <translation>TRIGGER</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ENABLED</source>
        <translation>ACTIEF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NEXT RUN</source>
        <translation>VOLGENDE RUN</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>LAST RUN</source>
        <translation>LAATSTE RUN</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>List the schedules with their next and last runs, or add, change, enable, disable, delete (admin) or run one now. Every engine that takes queued work starts their due runs, each exactly once.</source>
        <translation>De schema&apos;s tonen met hun volgende en laatste runs, of er een toevoegen, wijzigen, inschakelen, uitschakelen, verwijderen (beheerder) of nu uitvoeren. Elke engine die werk uit de wachtrij neemt start hun runs als ze aan de beurt zijn, elk precies één keer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>list, add, set, enable, disable, remove (or delete) or run.</source>
        <translation>list, add, set, enable, disable, remove (of delete) of run.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The schedule&apos;s id; for add, the workflow it starts (the id is then made from its name unless --id gives one).</source>
        <translation>De id van het schema; bij add de workflow die het start (de id wordt dan uit de naam gemaakt, tenzij --id er een geeft).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The workflow it starts (usually a task); with it, add takes the id as its argument.</source>
        <translation>De workflow die het start (meestal een taak); hiermee neemt add de id als argument.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>W</source>
        <translation>W</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The id of a new schedule (add WORKFLOW).</source>
        <translation>De id van een nieuw schema (add WORKFLOW).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A cron expression of five fields, e.g. &apos;10 0 * * *&apos;.</source>
        <translation>Een cron-expressie van vijf velden, bijvoorbeeld &apos;10 0 * * *&apos;.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>EXPR</source>
        <translation>EXPR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An interval from a minute up, e.g. &apos;6h&apos; or &apos;1h30m&apos;.</source>
        <translation>Een interval van minstens een minuut, bijvoorbeeld &apos;6h&apos; of &apos;1h30m&apos;.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DURATION</source>
        <translation>DUUR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Once, at a date and time, e.g. &apos;2026-12-24T18:00&apos;.</source>
        <translation>Eén keer, op een datum en tijd, bijvoorbeeld &apos;2026-12-24T18:00&apos;.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TIME</source>
        <translation>TIJD</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The time zone of the cron expression or the time, e.g. &apos;Europe/Amsterdam&apos; (default: the engine&apos;s).</source>
        <translation>De tijdzone van de cron-expressie of de tijd, bijvoorbeeld &apos;Europe/Amsterdam&apos; (standaard die van de engine).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ZONE</source>
        <translation>ZONE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A name to show.</source>
        <translation>Een naam om te tonen.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>TEXT</source>
        <translation>TEKST</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Unknown schedules action &apos;%1&apos;.</source>
        <translation>Onbekende schedules-actie &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&apos;schedules add&apos; needs the workflow it starts.</source>
        <translation>&apos;schedules add&apos; heeft de workflow nodig die het start.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;schedules %1&apos; needs the schedule&apos;s id.</source>
        <translation>&apos;schedules %1&apos; heeft de id van het schema nodig.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>--id is for &apos;schedules add WORKFLOW&apos;.</source>
        <translation>--id is voor &apos;schedules add WORKFLOW&apos;.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give one of --cron, --every and --at.</source>
        <translation>Geef één van --cron, --every en --at.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;schedules add&apos; needs one of --cron, --every and --at.</source>
        <translation>&apos;schedules add&apos; heeft een van --cron, --every en --at nodig.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>There is no schedule &apos;%1&apos;.</source>
        <translation>Er is geen schema &apos;%1&apos;.</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::ServeCommand</name>
    <message>
        <location filename="../app/ctl/servecommand.cpp" line="+49"/>
        <source>Run the engine headless and serve the REST API (docs/api.md) until SIGINT or SIGTERM. Requests need a bearer token (&apos;orchestratorctl tokens create&apos;); while no token exists, requests from this machine act as you. Beyond the loopback address the API speaks HTTPS only (--tls-cert and --tls-key). Logs to stderr.</source>
        <translation>De engine zonder venster draaien en de REST-API aanbieden (docs/api.md) tot SIGINT of SIGTERM. Verzoeken hebben een bearer-token nodig (&apos;orchestratorctl tokens create&apos;); zolang er geen token bestaat, handelen verzoeken van deze machine namens u. Buiten het loopback-adres spreekt de API alleen HTTPS (--tls-cert en --tls-key). Logt naar stderr.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Address and port to listen on (default 127.0.0.1:8080; port 0 takes a free one).</source>
        <translation>Adres en poort om op te luisteren (standaard 127.0.0.1:8080; poort 0 neemt een vrije).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HOST:PORT</source>
        <translation>HOST:POORT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bearer tokens, one &apos;TOKEN OPERATOR_NAME&apos; per line; each token acts as its operator.</source>
        <translation>Bearer-tokens, één &apos;TOKEN OPERATORNAAM&apos; per regel; elk token handelt als zijn operator.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>FILE</source>
        <translation>BESTAND</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>HTTPS: the server&apos;s certificate chain (PEM).</source>
        <translation>HTTPS: de certificaatketen van de server (PEM).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>HTTPS: the server&apos;s private key (PEM, unencrypted).</source>
        <translation>HTTPS: de private sleutel van de server (PEM, onversleuteld).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--listen needs HOST:PORT, e.g. 127.0.0.1:8080.</source>
        <translation>--listen heeft HOST:POORT nodig, bijv. 127.0.0.1:8080.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>HTTPS needs both --tls-cert and --tls-key.</source>
        <translation>HTTPS heeft zowel --tls-cert als --tls-key nodig.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listening on %1 needs HTTPS (--tls-cert and --tls-key): tokens would cross the network in clear text.</source>
        <translation>Luisteren op %1 vraagt om HTTPS (--tls-cert en --tls-key): tokens zouden onversleuteld over het netwerk gaan.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>serving the API on %1://%2:%3/api/ (engine %4 on %5); stop it with SIGINT or SIGTERM</source>
        <translation>de API wordt aangeboden op %1://%2:%3/api/ (engine %4 op %5); stop met SIGINT of SIGTERM</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>requests without a token act as &apos;%1&apos; until an API token exists</source>
        <translation>verzoeken zonder token handelen namens &apos;%1&apos; totdat er een API-token bestaat</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>process %1 stopped: %2</source>
        <translation>proces %1 gestopt: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database problem: %1</source>
        <translation>databaseprobleem: %1</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>serve stopped</source>
        <translation>serve gestopt</translation>
    </message>
</context>
<context>
    <name>wfo::ctl::WorkerCommand</name>
    <message>
        <location filename="../app/ctl/workercommand.cpp" line="+24"/>
        <source>Run the engine headless: take queued processes of every engine on the database and run them, until SIGINT or SIGTERM. Logs to stderr.</source>
        <translation>De engine zonder venster draaien: processen uit de wachtrij van elke engine op de database oppakken en uitvoeren, tot SIGINT of SIGTERM. Logt naar stderr.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>process %1 started</source>
        <translation>proces %1 gestart</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>process %1 (%2): step &apos;%3&apos; %4</source>
        <translation>proces %1 (%2): stap &apos;%3&apos; %4</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>process %1 stopped: %2</source>
        <translation>proces %1 gestopt: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>engine %1, %n process(es) running</source>
        <translation>
            <numerusform>engine %1, %n proces bezig</numerusform>
            <numerusform>engine %1, %n processen bezig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>recovered interrupted processes: %1</source>
        <translation>onderbroken processen hersteld: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database problem: %1</source>
        <translation>databaseprobleem: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>database reachable again</source>
        <translation>database weer bereikbaar</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>engine %1 on %2 with %n thread(s); stop it with SIGINT or SIGTERM</source>
        <translation>
            <numerusform>engine %1 op %2 met %n thread; stop hem met SIGINT of SIGTERM</numerusform>
            <numerusform>engine %1 op %2 met %n threads; stop hem met SIGINT of SIGTERM</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>worker stopped</source>
        <translation>worker gestopt</translation>
    </message>
</context>
<context>
    <name>wfo::forms</name>
    <message>
        <location filename="../forms/core/formgenerator.cpp" line="+69"/>
        <source>The form failed.</source>
        <translation>Het formulier is mislukt.</translation>
    </message>
</context>
<context>
    <name>wfo::forms::AcceptEditor</name>
    <message>
        <location filename="../forms/widgets/choiceeditors.cpp" line="+168"/>
        <source>I accept</source>
        <translation>Ik ga akkoord</translation>
    </message>
</context>
<context>
    <name>wfo::forms::ChoiceEditor</name>
    <message>
        <location line="-100"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(none)</source>
        <translation>(geen)</translation>
    </message>
</context>
<context>
    <name>wfo::forms::ContactPersonEditor</name>
    <message>
        <location filename="../forms/widgets/pickereditors.cpp" line="+203"/>
        <source>Name</source>
        <translation>Naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone (optional)</source>
        <translation>Telefoon (optioneel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: name</source>
        <translation>%1: naam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: e-mail</source>
        <translation>%1: e-mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: phone</source>
        <translation>%1: telefoon</translation>
    </message>
</context>
<context>
    <name>wfo::forms::DateTimeEditor</name>
    <message>
        <location filename="../forms/widgets/texteditors.cpp" line="+149"/>
        <source>Set</source>
        <translation>Instellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set %1</source>
        <translation>%1 instellen</translation>
    </message>
</context>
<context>
    <name>wfo::forms::DisplayEditor</name>
    <message>
        <location filename="../forms/widgets/displayeditors.cpp" line="+26"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Nee</translation>
    </message>
</context>
<context>
    <name>wfo::forms::Field</name>
    <message>
        <location filename="../forms/core/fieldschemareader.cpp" line="+235"/>
        <source>Field &apos;%1&apos; has an unsupported type &apos;%2&apos;.</source>
        <translation>Veld &apos;%1&apos; heeft een niet-ondersteund type &apos;%2&apos;.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field &apos;%1&apos; is nested too deeply.</source>
        <translation>Veld &apos;%1&apos; is te diep genest.</translation>
    </message>
    <message>
        <location filename="../forms/core/fieldvalidation.cpp" line="+70"/>
        <location line="+116"/>
        <source>This field is required.</source>
        <translation>Dit veld is verplicht.</translation>
    </message>
    <message numerus="yes">
        <location line="-110"/>
        <source>The value is too long: at most %n character(s) are accepted.</source>
        <translation>
            <numerusform>De waarde is te lang: er wordt hoogstens %n teken geaccepteerd.</numerusform>
            <numerusform>De waarde is te lang: er worden hoogstens %n tekens geaccepteerd.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Choose yes or no.</source>
        <translation>Kies ja of nee.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is nothing to choose from.</source>
        <translation>Er is niets om uit te kiezen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose one of %1.</source>
        <translation>Kies een van %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tick every item of the checklist.</source>
        <translation>Vink elk punt van de controlelijst aan.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Answer with &apos;ACCEPTED&apos; or &apos;INCOMPLETE&apos;.</source>
        <translation>Antwoord met &apos;ACCEPTED&apos; of &apos;INCOMPLETE&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This value cannot be changed; it must stay &apos;%1&apos;.</source>
        <translation>Deze waarde kan niet worden gewijzigd; ze moet &apos;%1&apos; blijven.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Enter text.</source>
        <translation>Voer tekst in.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Enter at least %n character(s).</source>
        <translation>
            <numerusform>Voer minstens %n teken in.</numerusform>
            <numerusform>Voer minstens %n tekens in.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Enter at most %n character(s).</source>
        <translation>
            <numerusform>Voer hoogstens %n teken in.</numerusform>
            <numerusform>Voer hoogstens %n tekens in.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The value does not have the expected format.</source>
        <translation>De waarde heeft niet de verwachte vorm.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Enter a whole number.</source>
        <translation>Voer een geheel getal in.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Enter a number.</source>
        <translation>Voer een getal in.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Enter a number of at least %1.</source>
        <translation>Voer een getal van minstens %1 in.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter a number of at most %1.</source>
        <translation>Voer een getal van hoogstens %1 in.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter a list of values.</source>
        <translation>Voer een lijst van waarden in.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Give at least %n item(s).</source>
        <translation>
            <numerusform>Geef minstens %n item.</numerusform>
            <numerusform>Geef minstens %n items.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Give at most %n item(s).</source>
        <translation>
            <numerusform>Geef hoogstens %n item.</numerusform>
            <numerusform>Geef hoogstens %n items.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This item is empty.</source>
        <translation>Dit item is leeg.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Each item may appear only once.</source>
        <translation>Elk item mag maar één keer voorkomen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Enter a date as YYYY-MM-DD.</source>
        <translation>Voer een datum in als JJJJ-MM-DD.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter an IPv4 or IPv6 address, such as 192.0.2.1 or 2001:db8::1.</source>
        <translation>Voer een IPv4- of IPv6-adres in, zoals 192.0.2.1 of 2001:db8::1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The prefix has host bits set; use the network address.</source>
        <translation>In de prefix zijn hostbits gezet; gebruik het netwerkadres.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter an IP prefix, such as 192.0.2.0/24 or 2001:db8::/32.</source>
        <translation>Voer een IP-prefix in, zoals 192.0.2.0/24 of 2001:db8::/32.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter VLAN ids from 1 to 4094 as ranges, such as 100-199,300.</source>
        <translation>Voer VLAN-id&apos;s van 1 tot en met 4094 in als reeksen, zoals 100-199,300.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter an identifier such as 3a3691e2-399a-4733-8924-2cb524eb4723.</source>
        <translation>Voer een identificatie in zoals 3a3691e2-399a-4733-8924-2cb524eb4723.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This product cannot be chosen here.</source>
        <translation>Dit product kan hier niet worden gekozen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enter a contact person.</source>
        <translation>Voer een contactpersoon in.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Enter the contact&apos;s name.</source>
        <translation>Voer de naam van de contactpersoon in.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the contact&apos;s e-mail address.</source>
        <translation>Voer het e-mailadres van de contactpersoon in.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter a valid e-mail address.</source>
        <translation>Voer een geldig e-mailadres in.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Enter the phone number as text.</source>
        <translation>Voer het telefoonnummer in als tekst.</translation>
    </message>
</context>
<context>
    <name>wfo::forms::FormDialog</name>
    <message>
        <location filename="../forms/widgets/formdialog.cpp" line="+46"/>
        <source>&lt; &amp;Previous</source>
        <translation>&lt; &amp;Vorige</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+73"/>
        <source>&amp;Next &gt;</source>
        <translation>Vo&amp;lgende &gt;</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>Cancel</source>
        <translation>Annuleren</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Previous page (Ctrl+Left)</source>
        <translation>Vorige pagina (Ctrl+Links)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+50"/>
        <source>Next page (Ctrl+Right)</source>
        <translation>Volgende pagina (Ctrl+Rechts)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finish the form (Enter)</source>
        <translation>Het formulier afronden (Enter)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Page %1 of %2</source>
        <translation>Pagina %1 van %2</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Discard the form?</source>
        <translation>Het formulier weggooien?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The answers you entered will be lost.</source>
        <translation>De antwoorden die u hebt ingevoerd gaan verloren.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The form could not be evaluated.</source>
        <translation>Het formulier kon niet worden verwerkt.</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>Page %1</source>
        <translation>Pagina %1</translation>
    </message>
    <message>
        <location line="+181"/>
        <source>Please correct the following:</source>
        <translation>Verbeter het volgende:</translation>
    </message>
</context>
<context>
    <name>wfo::forms::FormPage</name>
    <message>
        <location filename="../forms/core/formpage.cpp" line="+81"/>
        <source>The form schema&apos;s &apos;properties&apos; is not an object.</source>
        <translation>&apos;properties&apos; in het formulierschema is geen object.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The schema of field &apos;%1&apos; is not an object.</source>
        <translation>Het schema van veld &apos;%1&apos; is geen object.</translation>
    </message>
</context>
<context>
    <name>wfo::forms::FormPageWidget</name>
    <message>
        <location filename="../forms/widgets/formpagewidget.cpp" line="+55"/>
        <source>Required</source>
        <translation>Verplicht</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>item %1</source>
        <translation>item %1</translation>
    </message>
</context>
<context>
    <name>wfo::forms::Gallery</name>
    <message>
        <location filename="../forms/core/gallery.cpp" line="+27"/>
        <source>Core</source>
        <translation>Core</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edge</source>
        <translation>Edge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+126"/>
        <source>Amsterdam 1</source>
        <translation>Amsterdam 1</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+126"/>
        <source>Amsterdam 2</source>
        <translation>Amsterdam 2</translation>
    </message>
    <message>
        <location line="-125"/>
        <location line="+126"/>
        <source>London 1</source>
        <translation>Londen 1</translation>
    </message>
    <message>
        <location line="-125"/>
        <source>Frankfurt 1</source>
        <translation>Frankfurt 1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paris 1</source>
        <translation>Parijs 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>BFD</source>
        <translation>BFD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LLDP</source>
        <translation>LLDP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NetFlow</source>
        <translation>NetFlow</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MACsec</source>
        <translation>MACsec</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Netherlands</source>
        <translation>Nederland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Belgium</source>
        <translation>België</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Germany</source>
        <translation>Duitsland</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>France</source>
        <translation>Frankrijk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>United Kingdom</source>
        <translation>Verenigd Koninkrijk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denmark</source>
        <translation>Denemarken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sweden</source>
        <translation>Zweden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>Huidig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After</source>
        <translation>Na</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ports</source>
        <translation>Poorten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Speed</source>
        <translation>Snelheid</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../forms/widgets/formgallery.cpp" line="+36"/>
        <source>Form gallery</source>
        <translation>Formuliergalerij</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every field type the forms know, one of each. Nothing here changes anything.</source>
        <translation>Elk veldtype dat de formulieren kennen, van elk één. Niets hier verandert iets.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Host name</source>
        <translation>Hostnaam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lower-case letters, digits and dashes.</source>
        <translation>Kleine letters, cijfers en streepjes.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes</source>
        <translation>Notities</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Number of ports</source>
        <translation>Aantal poorten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bandwidth (Gbit/s)</source>
        <translation>Bandbreedte (Gbit/s)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+85"/>
        <location line="+40"/>
        <source>Site</source>
        <translation>Locatie</translation>
    </message>
    <message>
        <location line="-123"/>
        <source>Features</source>
        <translation>Functies</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Regions</source>
        <translation>Regio&apos;s</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DNS servers</source>
        <translation>DNS-servers</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>**Markdown** is shown as *rich text*, with [links](https://example.org) and `code`.</source>
        <translation>**Markdown** wordt getoond als *opgemaakte tekst*, met [links](https://example.org) en `code`.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Maintenance window</source>
        <translation>Onderhoudsvenster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes to the core network need an approved change.</source>
        <translation>Wijzigingen aan het kernnetwerk vereisen een goedgekeurde change.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Port summary</source>
        <translation>Poortoverzicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The cabling is done</source>
        <translation>De bekabeling is klaar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cables are labelled</source>
        <translation>De kabels zijn gelabeld</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Controlelijst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tenant</source>
        <translation>Tenant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start at</source>
        <translation>Begint om</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go-live date</source>
        <translation>Datum van livegang</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+44"/>
        <location line="+39"/>
        <source>Loopback address</source>
        <translation>Loopbackadres</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Management prefix</source>
        <translation>Managementprefix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>VLANs</source>
        <translation>VLAN&apos;s</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference</source>
        <translation>Referentie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Product</source>
        <translation>Product</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Contact person</source>
        <translation>Contactpersoon</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+43"/>
        <source>Node name</source>
        <translation>Nodenaam</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Starts with the site code, e.g. ams1-rt1.</source>
        <translation>Begint met de locatiecode, bijv. ams1-rt1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The node name must start with the site code.</source>
        <translation>De nodenaam moet beginnen met de locatiecode.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rack position</source>
        <translation>Rackpositie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rack</source>
        <translation>Rack</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remote hands</source>
        <translation>Remote hands</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remote hands contact</source>
        <translation>Contactpersoon remote hands</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access notes</source>
        <translation>Toegangsnotities</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Confirm</source>
        <translation>Bevestigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overview</source>
        <translation>Overzicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The node is cabled</source>
        <translation>De node is bekabeld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The node is powered on</source>
        <translation>De node staat aan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Before you start</source>
        <translation>Voordat u begint</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the workflow right away</source>
        <translation>De workflow meteen starten</translation>
    </message>
    <message>
        <location filename="../forms/widgets/formgallery.cpp" line="+1"/>
        <source>The form was submitted. The answers are under Show Details.</source>
        <translation>Het formulier is verzonden. De antwoorden staan onder Details tonen.</translation>
    </message>
</context>
<context>
    <name>wfo::forms::LineEditor</name>
    <message>
        <location filename="../forms/widgets/texteditors.cpp" line="-92"/>
        <source>e.g. 192.0.2.1 or 2001:db8::1</source>
        <translation>bijv. 192.0.2.1 of 2001:db8::1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 192.0.2.0/24 or 2001:db8::/32</source>
        <translation>bijv. 192.0.2.0/24 of 2001:db8::/32</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 100-199,300</source>
        <translation>bijv. 100-199,300</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>e.g. 3a3691e2-399a-4733-8924-2cb524eb4723</source>
        <translation>bijv. 3a3691e2-399a-4733-8924-2cb524eb4723</translation>
    </message>
</context>
<context>
    <name>wfo::forms::ListEditor</name>
    <message>
        <location filename="../forms/widgets/listeditor.cpp" line="+17"/>
        <source>Add</source>
        <translation>Toevoegen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Add an item to %1</source>
        <translation>Een item toevoegen aan %1</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>%1, item %2</source>
        <translation>%1, item %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Verwijderen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove item %1</source>
        <translation>Item %1 verwijderen</translation>
    </message>
</context>
<context>
    <name>wfo::forms::PickerEditor</name>
    <message>
        <location filename="../forms/widgets/pickereditors.cpp" line="-161"/>
        <source>Type a customer, or choose one…</source>
        <translation>Typ een klant, of kies er een…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Search…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search %1</source>
        <translation>%1 doorzoeken</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Searching…</source>
        <translation>Zoeken…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Nothing found</source>
        <translation>Niets gevonden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose…</source>
        <translation>Kiezen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 (unavailable)</source>
        <translation>%1 (niet beschikbaar)</translation>
    </message>
</context>
<context>
    <name>wfo::forms::StaticPickerProvider</name>
    <message>
        <location filename="../forms/widgets/pickerprovider.cpp" line="+63"/>
        <source>Amsterdam</source>
        <translation>Amsterdam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>London</source>
        <translation>Londen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Router or switch</source>
        <translation>Router of switch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Port</source>
        <translation>Poort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Physical port</source>
        <translation>Fysieke poort</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Node, active</source>
        <translation>Node, actief</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Node, provisioning</source>
        <translation>Node, in aanleg</translation>
    </message>
</context>
<context>
    <name>wfo::nodeenrollment</name>
    <message>
        <location filename="../packs/node_enrollment/nodeenrollmentpack.cpp" line="+94"/>
        <source>Nodes in provisioning</source>
        <translation>Nodes in aanleg</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>NSO devices</source>
        <translation>NSO-apparaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>Apparaat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ESDB node id</source>
        <translation>ESDB-node-id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Routing domain</source>
        <translation>Routeringsdomein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deployments</source>
        <translation>Uitrollen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last deployed</source>
        <translation>Laatst uitgerold</translation>
    </message>
</context>
<context>
    <name>wfo::nodeenrollment::EnrollmentWorkflows</name>
    <message>
        <location filename="../packs/node_enrollment/enrollmentworkflows.cpp" line="+33"/>
        <source>Core</source>
        <translation>Core</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edge</source>
        <translation>Edge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Access</source>
        <translation>Access</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Enroll a node</source>
        <translation>Een node inschrijven</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+19"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Nodes of the inventory that are not enrolled yet.</source>
        <translation>Nodes uit de inventaris die nog niet zijn ingeschreven.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+11"/>
        <source>Role</source>
        <translation>Rol</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Value</source>
        <translation>Waarde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Site</source>
        <translation>Locatie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ESDB node id</source>
        <translation>ESDB-node-id</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Routing domain</source>
        <translation>Routeringsdomein</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Summary</source>
        <translation>Samenvatting</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Node &apos;%1&apos; is not in the inventory.</source>
        <translation>Node &apos;%1&apos; staat niet in de inventaris.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Node &apos;%1&apos; is enrolled already.</source>
        <translation>Node &apos;%1&apos; is al ingeschreven.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Device %1 not found in NSO.</source>
        <translation>Device %1 niet gevonden in NSO.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Device %1 in NSO has service id %2; the subscription has %3. Run the provision workflow to deploy it again.</source>
        <translation>Device %1 heeft in NSO service-id %2; het abonnement heeft %3. Voer de provisioningworkflow uit om het opnieuw uit te rollen.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Upgrade the node&apos;s software</source>
        <translation>De software van het node bijwerken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Software version</source>
        <translation>Softwareversie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NSO upgrades the node and calls back when it is done.</source>
        <translation>NSO werkt het node bij en roept terug wanneer het klaar is.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>NSO reports that the upgrade of %1 did not succeed (status &apos;%2&apos;).</source>
        <translation>NSO meldt dat het bijwerken van %1 niet gelukt is (status &apos;%2&apos;).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>NSO reports version &apos;%1&apos; on %2; &apos;%3&apos; was asked for.</source>
        <translation>NSO meldt versie &apos;%1&apos; op %2; &apos;%3&apos; was gevraagd.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The subscription&apos;s node (ESDB id %1) is not in the inventory.</source>
        <translation>De node van het abonnement (ESDB-id %1) staat niet in de inventaris.</translation>
    </message>
</context>
<context>
    <name>wfo::nodeenrollment::NsoRegistry</name>
    <message>
        <location filename="../packs/node_enrollment/nsoregistry.cpp" line="+18"/>
        <source>This step needs the database.</source>
        <translation>Deze stap heeft de database nodig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>NSO unavailable</source>
        <translation>NSO niet beschikbaar</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>Device %1 not found in NSO.</source>
        <translation>Apparaat %1 niet gevonden in NSO.</translation>
    </message>
</context>
<context>
    <name>wfo::nodeenrollment::SystemServiceWorkflows</name>
    <message>
        <location filename="../packs/node_enrollment/systemserviceworkflows.cpp" line="+35"/>
        <source>Node System Service</source>
        <translation>Node System Service</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Customer</source>
        <translation>Klant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Node enrollment</source>
        <translation>Node-inschrijving</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The enrolled node the service runs on.</source>
        <translation>De ingeschreven node waarop de dienst draait.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>There is no subscription &apos;%1&apos;.</source>
        <translation>Er is geen abonnement &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Subscription &apos;%1&apos; is not a Node Enrollment.</source>
        <translation>Abonnement &apos;%1&apos; is geen Node Enrollment.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The node enrollment is %1; it must be provisioning or active.</source>
        <translation>De node-inschrijving is %1; ze moet in aanleg of actief zijn.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>The node has a system service already: %1.</source>
        <translation>De node heeft al een system service: %1.</translation>
    </message>
</context>
<context>
    <name>wfo::products</name>
    <message>
        <location filename="../packs/node_enrollment/nodeenrollmentpack.cpp" line="-83"/>
        <source>A node enrolled in the network</source>
        <translation>Een node die in het netwerk is ingeschreven</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ESDB node id</source>
        <translation>ESDB-node-id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ESDB node uuid</source>
        <translation>ESDB-node-uuid</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>NSO service id</source>
        <translation>NSO-service-id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Routing domain</source>
        <translation>Routeringsdomein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role of the node</source>
        <translation>Rol van de node</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Site of the node</source>
        <translation>Locatie van de node</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Software version of the node</source>
        <translation>Softwareversie van het node</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+26"/>
        <source>The system service of an enrolled node</source>
        <translation>De system service van een ingeschreven node</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>System service id</source>
        <translation>System-service-id</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Enrollment of a network node</source>
        <translation>Inschrijving van een netwerknode</translation>
    </message>
</context>
<context>
    <name>wfo::schedule::CronExpression</name>
    <message>
        <location filename="../engine/schedule/cronexpression.cpp" line="+45"/>
        <source>%1 has an empty item in its list</source>
        <translation>%1 heeft een leeg onderdeel in de lijst</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>minute</source>
        <translation>minuut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hour</source>
        <translation>uur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day-of-month</source>
        <translation>dag van de maand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>month</source>
        <translation>maand</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>day-of-week</source>
        <translation>dag van de week</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 step &apos;%2&apos; is not a number</source>
        <translation>%1-stap &apos;%2&apos; is geen getal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 step %2 is out of range 1–%3</source>
        <translation>%1-stap %2 valt buiten het bereik 1–%3</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 range %2 runs backwards</source>
        <translation>%1-bereik %2 loopt achteruit</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 %2 is out of range %3–%4</source>
        <translation>%1 %2 valt buiten het bereik %3–%4</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+5"/>
        <source>&apos;%1&apos; is not supported in %2</source>
        <translation>&apos;%1&apos; wordt niet ondersteund in %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>month &apos;%1&apos; is not a number 1–12 or a name JAN–DEC</source>
        <translation>maand &apos;%1&apos; is geen getal 1–12 of naam JAN–DEC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>day-of-week &apos;%1&apos; is not a number 0–7 or a name SUN–SAT</source>
        <translation>dag van de week &apos;%1&apos; is geen getal 0–7 of naam SUN–SAT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 &apos;%2&apos; is not a number</source>
        <translation>%1 &apos;%2&apos; is geen getal</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>&apos;%1&apos; is not supported; use @yearly, @monthly, @weekly, @daily or @hourly, or five fields</source>
        <translation>&apos;%1&apos; wordt niet ondersteund; gebruik @yearly, @monthly, @weekly, @daily of @hourly, of vijf velden</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>expected 5 fields, got %1</source>
        <translation>5 velden verwacht, %1 gekregen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>day-of-month %1 never occurs in month %2</source>
        <translation>dag van de maand %1 komt nooit voor in maand %2</translation>
    </message>
</context>
<context>
    <name>wfo::schedule::Duration</name>
    <message>
        <location filename="../engine/schedule/duration.cpp" line="+42"/>
        <source>the interval is empty; write it as 30m, 6h, 1d or 1h30m</source>
        <translation>het interval is leeg; schrijf het als 30m, 6h, 1d of 1h30m</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; in the interval &apos;%2&apos; is not a number</source>
        <translation>&apos;%1&apos; in het interval &apos;%2&apos; is geen getal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the interval &apos;%1&apos; needs a unit after %2: d, h, m or s</source>
        <translation>het interval &apos;%1&apos; heeft een eenheid nodig na %2: d, h, m of s</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; has an unknown unit &apos;%2&apos;; use d, h, m or s</source>
        <translation>&apos;%1&apos; heeft een onbekende eenheid &apos;%2&apos;; gebruik d, h, m of s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>in &apos;%1&apos; the units must come largest first, each once (as in 1h30m)</source>
        <translation>in &apos;%1&apos; moeten de eenheden van groot naar klein komen, elk één keer (zoals in 1h30m)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+6"/>
        <source>the longest interval is 3650 days</source>
        <translation>het langste interval is 3650 dagen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>the shortest interval is 1 minute</source>
        <translation>het kortste interval is 1 minuut</translation>
    </message>
</context>
<context>
    <name>wfo::schedule::Trigger</name>
    <message>
        <location filename="../engine/schedule/trigger.cpp" line="+80"/>
        <source>the shortest interval is 1 minute</source>
        <translation>het kortste interval is 1 minuut</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the longest interval is 3650 days</source>
        <translation>het langste interval is 3650 dagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an interval needs a valid start time</source>
        <translation>een interval heeft een geldig begintijdstip nodig</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>&apos;%1&apos; is not a date and time; write it as 2026-12-24T18:00 (or with an offset, 2026-12-24T18:00+01:00)</source>
        <translation>&apos;%1&apos; is geen datum en tijd; schrijf het als 2026-12-24T18:00 (of met een verschuiving, 2026-12-24T18:00+01:00)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&apos;%1&apos; is not between the years 1970 and 9999</source>
        <translation>&apos;%1&apos; ligt niet tussen de jaren 1970 en 9999</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>unknown time zone &apos;%1&apos;; use a name such as Europe/Amsterdam, America/New_York or UTC</source>
        <translation>onbekende tijdzone &apos;%1&apos;; gebruik een naam zoals Europe/Amsterdam, America/New_York of UTC</translation>
    </message>
</context>
<context>
    <name>wfo::store::Database</name>
    <message>
        <location filename="../engine/store/database.cpp" line="+151"/>
        <source>The folder of the database file &apos;%1&apos; does not exist.</source>
        <translation>De map van het databasebestand &apos;%1&apos; bestaat niet.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The Qt SQL driver for %1 is not installed.</source>
        <translation>Het Qt SQL-stuurprogramma voor %1 is niet geïnstalleerd.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot open the database file &apos;%1&apos;: %2</source>
        <translation>Kan het databasebestand &apos;%1&apos; niet openen: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot connect to the PostgreSQL server %1: %2</source>
        <translation>Kan geen verbinding maken met de PostgreSQL-server %1: %2</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cannot use the database &apos;%1&apos;: %2</source>
        <translation>Kan de database &apos;%1&apos; niet gebruiken: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The database &apos;%1&apos; cannot use write-ahead logging (it answered &apos;%2&apos;); is it on a read-only or network file system?</source>
        <translation>De database &apos;%1&apos; kan geen write-ahead logging gebruiken (het antwoord was &apos;%2&apos;); staat ze op een alleen-lezen- of netwerkbestandssysteem?</translation>
    </message>
    <message>
        <location line="+157"/>
        <source>The database is locked by another program; try again in a moment.</source>
        <translation>De database is vergrendeld door een ander programma; probeer het zo dadelijk opnieuw.</translation>
    </message>
    <message>
        <location line="-109"/>
        <source>The database undid this change to break a deadlock with another one; try again.</source>
        <translation>De database heeft deze wijziging ongedaan gemaakt om een impasse met een andere op te heffen; probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database file is damaged (%1). Nothing was changed. Save what can still be read with sqlite3&apos;s .recover command (sqlite3 damaged.db .recover | sqlite3 recovered.db), or restore a backup.</source>
        <translation>Het databasebestand is beschadigd (%1). Er is niets gewijzigd. Red wat nog leesbaar is met de opdracht .recover van sqlite3 (sqlite3 beschadigd.db .recover | sqlite3 hersteld.db), of zet een back-up terug.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The file is not an Orchestrator Console database or it is damaged (%1).</source>
        <translation>Het bestand is geen Orchestrator Console-database of het is beschadigd (%1).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database is read-only for this user: it can be read but not changed (%1).</source>
        <translation>De database is alleen-lezen voor deze gebruiker: ze kan gelezen maar niet gewijzigd worden (%1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The disk that holds the database is full; nothing was changed. Free some space and try again.</source>
        <translation>De schijf met de database is vol; er is niets gewijzigd. Maak ruimte vrij en probeer het opnieuw.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The search is too complex for the database (%1); use fewer or shorter terms.</source>
        <translation>De zoekopdracht is te ingewikkeld voor de database (%1); gebruik minder of kortere termen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database file cannot be read or written (%1).</source>
        <translation>Het databasebestand kan niet gelezen of geschreven worden (%1).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The database file cannot be opened (%1).</source>
        <translation>Het databasebestand kan niet geopend worden (%1).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The database server cannot be reached: %1</source>
        <translation>De databaseserver is niet bereikbaar: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>rows of %1 refer to missing rows of %2</source>
        <translation>rijen van %1 verwijzen naar ontbrekende rijen van %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The database file &apos;%1&apos; is damaged (%2). Nothing was changed. Save what can still be read into a new file with sqlite3&apos;s .recover command (sqlite3 &apos;%1&apos; .recover | sqlite3 recovered.db), or restore a backup.</source>
        <translation>Het databasebestand &apos;%1&apos; is beschadigd (%2). Er is niets gewijzigd. Red wat nog leesbaar is naar een nieuw bestand met de opdracht .recover van sqlite3 (sqlite3 &apos;%1&apos; .recover | sqlite3 hersteld.db), of zet een back-up terug.</translation>
    </message>
    <message>
        <location line="+185"/>
        <source>The database &apos;%1&apos; holds tables of another program.</source>
        <translation>De database &apos;%1&apos; bevat tabellen van een ander programma.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The database &apos;%1&apos; has schema version %2, which is newer than this program understands (%3). Use a newer Orchestrator Console; nothing was changed.</source>
        <translation>De database &apos;%1&apos; heeft schemaversie %2, nieuwer dan dit programma begrijpt (%3). Gebruik een nieuwere Orchestrator Console; er is niets gewijzigd.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database &apos;%1&apos; has schema version %2; this program needs %3. Run &apos;orchestratorctl --db %1 init&apos; to migrate it.</source>
        <translation>De database &apos;%1&apos; heeft schemaversie %2; dit programma heeft %3 nodig. Voer &apos;orchestratorctl --db %1 init&apos; uit om haar te migreren.</translation>
    </message>
</context>
<context>
    <name>wfo::store::DatabaseUrl</name>
    <message>
        <location filename="../engine/store/databaseurl.cpp" line="+79"/>
        <source>A SQLite URL needs an absolute path, as in sqlite:///home/me/orchestrator.db.</source>
        <translation>Een SQLite-URL heeft een absoluut pad nodig, zoals in sqlite:///home/ik/orchestrator.db.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A PostgreSQL URL looks like postgresql://user:password@host:5432/database.</source>
        <translation>Een PostgreSQL-URL ziet eruit als postgresql://gebruiker:wachtwoord@host:5432/database.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&apos;%1&apos; is not a database URL; use sqlite:///path/to/file.db or postgresql://user@host:port/database.</source>
        <translation>&apos;%1&apos; is geen database-URL; gebruik sqlite:///pad/naar/bestand.db of postgresql://gebruiker@host:poort/database.</translation>
    </message>
</context>
<context>
    <name>wfo::store::ProcessRepository</name>
    <message>
        <location filename="../engine/store/processqueue.cpp" line="+75"/>
        <source>Interrupted while running step &apos;%1&apos;</source>
        <translation>Onderbroken tijdens het uitvoeren van stap &apos;%1&apos;</translation>
    </message>
</context>
<context>
    <name>wfo::store::SearchSyntax</name>
    <message>
        <location filename="../engine/store/searchsyntax.cpp" line="+91"/>
        <source>A search term is longer than %1 characters; search for a shorter part of it.</source>
        <translation>Een zoekterm is langer dan %1 tekens; zoek op een korter deel ervan.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The search has %1 terms; at most %2 are allowed. Narrow it down with fields such as status: or product:.</source>
        <translation>De zoekopdracht heeft %1 termen; hoogstens %2 zijn toegestaan. Beperk hem met velden zoals status: of product:.</translation>
    </message>
</context>
<context>
    <name>wfo::store::SubscriptionRepository</name>
    <message>
        <location filename="../engine/store/productcatalogue.cpp" line="+26"/>
        <source>There is no product block &apos;%1&apos;.</source>
        <translation>Er is geen productblok &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>The product &apos;%1&apos; was saved but cannot be read back; the database file may be damaged.</source>
        <translation>Het product &apos;%1&apos; is opgeslagen maar kan niet teruggelezen worden; het databasebestand is mogelijk beschadigd.</translation>
    </message>
</context>
<context>
    <name>wfo::subscriptions</name>
    <message>
        <location filename="../engine/domain/subscriptionmodel.cpp" line="+23"/>
        <source>This step needs the database.</source>
        <translation>Deze stap heeft de database nodig.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is no product &apos;%1&apos;.</source>
        <translation>Er is geen product &apos;%1&apos;.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>There is no subscription &apos;%1&apos;.</source>
        <translation>Er is geen abonnement &apos;%1&apos;.</translation>
    </message>
    <message>
        <location filename="../engine/services/subscriptionsteps.cpp" line="+23"/>
        <source>The subscription is out of sync already: another workflow is changing it.</source>
        <translation>Het abonnement is al niet in sync: een andere workflow wijzigt het.</translation>
    </message>
</context>
<context>
    <name>wfo::workflows</name>
    <message>
        <location filename="../engine/services/builtinworkflows.cpp" line="-107"/>
        <source>Modify the note</source>
        <translation>De notitie wijzigen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Resume all workflows that are waiting for a retry</source>
        <translation>Alle workflows hervatten die op een nieuwe poging wachten</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Clean up old completed tasks</source>
        <translation>Oude voltooide taken opruimen</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Validate products</source>
        <translation>Producten valideren</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Validate subscriptions</source>
        <translation>Abonnementen valideren</translation>
    </message>
    <message>
        <location filename="../packs/node_enrollment/enrollmentworkflows.cpp" line="+9"/>
        <source>Create Node Enrollment</source>
        <translation>Node Enrollment aanmaken</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Modify Node Enrollment: put the node into production</source>
        <translation>Node Enrollment wijzigen: de node in productie nemen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Provision Node Enrollment in NSO</source>
        <translation>Node Enrollment uitrollen in NSO</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upgrade the software of the node through NSO</source>
        <translation>De software van het node bijwerken via NSO</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Validate Node Enrollment before production</source>
        <translation>Node Enrollment valideren vóór productie</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminate Node Enrollment subscription</source>
        <translation>Node Enrollment-abonnement beëindigen</translation>
    </message>
    <message>
        <location filename="../packs/node_enrollment/systemserviceworkflows.cpp" line="+29"/>
        <source>Create Node System Service</source>
        <translation>Node System Service aanmaken</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Terminate Node System Service</source>
        <translation>Node System Service beëindigen</translation>
    </message>
</context>
</TS>
