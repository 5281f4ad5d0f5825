def last_number(n):
    if n == 0:
        return "INSOMNIA"
    seen = set()
    k = 0
    while len(seen) < 10:
        k += 1
        seen.update(str(k * n))
    return str(k * n)


t = int(input())
for case in range(1, t + 1):
    print(f"Case #{case}: {last_number(int(input()))}")
