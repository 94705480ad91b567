import API

print("chatledger: \(APIModule.name)")
