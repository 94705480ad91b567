import API

print("{\"bench\":\"none\"}")
