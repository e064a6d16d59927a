namespace ThreadLocalState;

/// <summary>
/// A per-thread retry budget that starts at 3 — on one thread only. The initializer of a <c>[ThreadStatic]</c> field
/// runs once, in the static constructor, on whichever thread touches the type first; every other thread sees 0.
/// </summary>
public static class ThreadStaticBudget
{
    [ThreadStatic] private static int retriesLeft = 3; // expect: FL1004

    public static int RetriesLeft => retriesLeft;
}
