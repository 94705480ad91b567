#ifndef CHATLEDGER_CLMDB_SHIM_H
#define CHATLEDGER_CLMDB_SHIM_H
#include <lmdb.h>
#endif
