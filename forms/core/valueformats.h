#pragma once
// Parsers for the network and identifier formats forms accept (IP addresses and prefixes, VLAN
// ranges, UUIDs, e-mail addresses). QtCore only, so the headless tools and the widgets' input
// validators share one definition of "valid".

#include "wfo_forms_export.h"

#include <QString>
#include <QStringView>

#include <optional>

namespace wfo::forms::formats {

// An IPv4 or IPv6 address; returns it trimmed and lower-cased.
WFO_FORMS_EXPORT std::optional<QString> ipAddress(QStringView text);
// "address/length" with no host bits set; returns it trimmed and lower-cased.
enum class PrefixProblem { None, Syntax, HostBitsSet };
WFO_FORMS_EXPORT std::optional<QString> ipPrefix(QStringView text,
                                                 PrefixProblem *problem = nullptr);
// "10-20,30" with VLAN ids from 1 to 4094; returns the ranges sorted and merged ("10-20,30").
WFO_FORMS_EXPORT std::optional<QString> vlanRanges(QStringView text);
// A UUID with or without braces; returns the canonical lower-case form without braces.
WFO_FORMS_EXPORT std::optional<QString> uuid(QStringView text);
// A plausible e-mail address (something@domain.tld).
WFO_FORMS_EXPORT bool isEmail(QStringView text);

// Whether `text` could still grow into a valid value of the format (for input validators).
WFO_FORMS_EXPORT bool couldBeIpAddress(QStringView text);
WFO_FORMS_EXPORT bool couldBeVlanRanges(QStringView text);
WFO_FORMS_EXPORT bool couldBeUuid(QStringView text);

} // namespace wfo::forms::formats
