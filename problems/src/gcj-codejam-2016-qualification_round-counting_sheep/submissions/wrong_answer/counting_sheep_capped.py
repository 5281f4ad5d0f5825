t = int(input())
for case in range(1, t + 1):
    n = int(input())
    seen = set()
    answer = "INSOMNIA"
    # a few dozen multiples are always enough to see every digit
    for i in range(1, 51):
        seen |= set(str(i * n))
        if len(seen) == 10:
            answer = i * n
            break
    print(f"Case #{case}: {answer}")
