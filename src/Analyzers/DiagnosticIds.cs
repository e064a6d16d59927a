namespace Forklift.Analyzers;

/// <summary>
/// Every Forklift diagnostic ID, in one place so the numbering stays visible. The first digit is the area:
/// <c>FL1xxx</c> shared state, <c>FL2xxx</c> locks, <c>FL3xxx</c> <c>[Parallel]</c> usage. Never reuse a number.
/// </summary>
/// <remarks>
/// FL2006 is reserved for locking on weak-identity objects.
/// </remarks>
internal static class DiagnosticIds
{
    public const string SharedStateMutation = "FL1001";
    public const string CollectionMutatedConcurrently = "FL1002";
    public const string InconsistentSynchronization = "FL1003";
    public const string ThreadStaticInitializer = "FL1004";
    public const string ConcurrentDictionaryCompoundOperation = "FL1005";
    public const string LockExcludesNothing = "FL1006";
    public const string PublishedBeforeFilled = "FL1007";
    public const string ConcurrentDictionaryValueMutated = "FL1008";

    public const string LockReleaseNotInFinally = "FL2001";
    public const string NonReentrantLockReentry = "FL2002";
    public const string ReleaseWithoutAcquire = "FL2003";
    public const string LockOrderInversion = "FL2004";
    public const string ThreadAffineLockAcrossAwait = "FL2005";

    public const string ParallelTypeNotPartial = "FL3001";
    public const string ParallelMethodShape = "FL3002";
    public const string ParallelTypeNotMarshallable = "FL3003";
    public const string ParallelByRefParameter = "FL3004";
    public const string ParallelWritesStaticState = "FL3005";
    public const string ParallelGeneratedNameCollision = "FL3006";
    public const string MissingWorkerHostGuard = "FL3007";
}
