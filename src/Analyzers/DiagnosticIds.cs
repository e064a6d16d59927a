namespace Forklift.Analyzers;

/// <summary>
/// Every Forklift diagnostic ID, in one place so the numbering stays visible. The first digit is the area:
/// <c>FL1xxx</c> shared state, <c>FL2xxx</c> locks, <c>FL3xxx</c> <c>[Parallel]</c> usage. Never reuse a number.
/// </summary>
/// <remarks>
/// FL2002 and FL2004–FL2006 are reserved for the remaining lock rules (re-entering a non-reentrant lock,
/// lock-order inversion, a monitor held across await, locking on weak-identity objects).
/// </remarks>
internal static class DiagnosticIds
{
    public const string SharedStateMutation = "FL1001";
    public const string CollectionMutatedConcurrently = "FL1002";
    public const string InconsistentSynchronization = "FL1003";
    public const string ThreadStaticInitializer = "FL1004";

    public const string LockReleaseNotInFinally = "FL2001";
    public const string ReleaseWithoutAcquire = "FL2003";

    public const string ParallelTypeNotPartial = "FL3001";
    public const string ParallelMethodShape = "FL3002";
    public const string ParallelTypeNotMarshallable = "FL3003";
    public const string ParallelByRefParameter = "FL3004";
    public const string ParallelWritesStaticState = "FL3005";
    public const string ParallelGeneratedNameCollision = "FL3006";
    public const string MissingWorkerHostGuard = "FL3007";
}
