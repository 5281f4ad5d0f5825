n = int(input())
a = list(map(int, input().split()))

best = 0
current = 0
for x in a:
    current = max(0, current + x)
    best = max(best, current)
print(best)
