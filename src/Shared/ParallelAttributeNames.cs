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

    /// <summary>The members added for a <c>[Parallel]</c> method named <paramref name="method"/>: one call, the same call
    /// waited for on the calling thread, map, unordered.</summary>
    public static string[] GeneratedMemberNames(string method)
        => new[] { InvokeName(method), InvokeSynchronousName(method), MapName(method), UnorderedName(method) };

    /// <summary>
    /// The generated single call: <c>Count</c> → <c>CountAsync</c>; <c>DownloadAsync</c> → <c>DownloadInWorkerAsync</c>.
    /// </summary>
    /// <remarks>
    /// A method already named <c>…Async</c> cannot get <c>DownloadAsync</c> (that is the method itself: a call with the
    /// same arguments would bind to it and silently run in-process) nor <c>DownloadAsyncAsync</c>; <c>InWorker</c> says
    /// where it runs.
    /// </remarks>
    public static string InvokeName(string method)
        => BaseName(method) is string stem ? stem + "InWorkerAsync" : method + "Async";

    /// <summary>
    /// The generated single call that waits on the calling thread (<c>WorkerPool.Invoke</c>): <c>Count</c> →
    /// <c>CountInWorker</c>; <c>DownloadAsync</c> → <c>DownloadInWorker</c>.
    /// </summary>
    /// <remarks><c>Count</c> itself is the method, which runs in-process; <c>InWorker</c> says where this one runs, as
    /// in <see cref="InvokeName"/>.</remarks>
    public static string InvokeSynchronousName(string method) => (BaseName(method) ?? method) + "InWorker";

    /// <summary>The generated map: <c>CountMapAsync</c>, and <c>DownloadMapAsync</c> for <c>DownloadAsync</c>.</summary>
    public static string MapName(string method) => (BaseName(method) ?? method) + "MapAsync";

    /// <summary>The generated unordered map: <c>CountUnorderedAsync</c>, and <c>DownloadUnorderedAsync</c> for <c>DownloadAsync</c>.</summary>
    public static string UnorderedName(string method) => (BaseName(method) ?? method) + "UnorderedAsync";

    // "DownloadAsync" → "Download"; null when the name does not end in Async after at least one character.
    private static string? BaseName(string method)
        => method.Length > "Async".Length && method.EndsWith("Async", StringComparison.Ordinal) ? method.Substring(0, method.Length - "Async".Length) : null;
}
