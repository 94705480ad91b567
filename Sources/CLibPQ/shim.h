#ifndef CHATLEDGER_CLIBPQ_SHIM_H
#define CHATLEDGER_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
