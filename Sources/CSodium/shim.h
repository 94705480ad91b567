#ifndef CHATLEDGER_CSODIUM_SHIM_H
#define CHATLEDGER_CSODIUM_SHIM_H
#include <sodium.h>
#endif
