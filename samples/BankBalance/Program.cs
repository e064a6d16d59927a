using BankBalance;

// Two threads deposit and withdraw on one shared balance, a million times each. Every change adds and then
// subtracts the same amount, so the balance should end at 0.
const int Iterations = 1_000_000;
const int Rounds = 5;

Console.WriteLine($"Two threads, {Iterations:N0} deposit+withdraw pairs each, {Rounds} rounds per version.");
Console.WriteLine();

int racyRoundsWrong = 0;
for (int round = 1; round <= Rounds; round++)
{
    long result = UnsynchronizedAccount.Run(Iterations);
    if (result != 0)
    {
        racyRoundsWrong++;
    }

    Console.WriteLine($"unsynchronized round {round}: balance = {result}");
}

Console.WriteLine(racyRoundsWrong > 0
    ? $"unsynchronized: lost updates in {racyRoundsWrong} of {Rounds} rounds (Forklift reports FL1001 on this code)"
    : $"unsynchronized: no update happened to be lost this time; the race is still there (FL1001), just not observed");
Console.WriteLine();

for (int round = 1; round <= Rounds; round++)
{
    Console.WriteLine($"lock round {round}: balance = {LockedAccount.Run(Iterations)}");
}

for (int round = 1; round <= Rounds; round++)
{
    Console.WriteLine($"Interlocked round {round}: balance = {InterlockedAccount.Run(Iterations)}");
}
