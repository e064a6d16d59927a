namespace Forklift.Shared;

/// <summary>Names the generator and the FL3xxx analyzers must agree on; compiled into both assemblies.</summary>
internal static class ParallelAttributeNames
{
    public const string ParallelAttribute = "Forklift.ParallelAttribute";

    public const string WorkerInitializerAttribute = "Forklift.WorkerInitializerAttribute";

    public const string TimeoutMilliseconds = "TimeoutMilliseconds";

    public const string ChunkSize = "ChunkSize";

    public const string MaxRetries = "MaxRetries";

    /// <summary>
    /// The nested class the generator adds to every type with <c>[Parallel]</c> or <c>[WorkerInitializer]</c> methods:
    /// it holds the method descriptors, the codecs and the registration.
    /// </summary>
    public const string GeneratedNestedType = "ForkliftParallel";

    /// <summary>Hint names end in this, so the analyzers can tell generated members from the user's.</summary>
    public const string HintNameSuffix = ".Parallel.g.cs";

    /// <summary>The members added for a <c>[Parallel]</c> method named <paramref name="method"/>.</summary>
    public static string[] GeneratedMemberNames(string method)
        => new[] { method + "Async", method + "MapAsync", method + "UnorderedAsync" };
}
