namespace ThreadLocalState;

/// <summary>The fix: <see cref="ThreadLocal{T}"/> runs its factory once on every thread that reads the value.</summary>
public static class ThreadLocalBudget
{
    private static readonly ThreadLocal<int> RetriesLeftValue = new(() => 3);

    public static int RetriesLeft => RetriesLeftValue.Value;
}
