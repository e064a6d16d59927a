namespace Demo;

/// <summary>The numbers the summary shows.</summary>
public sealed record DemoSummary(
    int UpTo,
    int Workers,
    int CallerProcessId,
    IReadOnlyList<ChunkResult> Chunks,
    TimeSpan WallTime,
    Exception? Crash);

/// <summary>How the demo shows what happens: live in a terminal, plain lines when output is redirected.</summary>
public interface IDemoView
{
    /// <summary>Runs the analyzer tour, with a status while it runs, and shows what it found.</summary>
    Task ShowDiagnosticsAsync(Func<Task<AnalyzerReport>> analyze);

    /// <summary>Runs <paramref name="work"/> while showing progress towards <paramref name="total"/> numbers checked.</summary>
    /// <remarks>The <see cref="IProgress{T}"/> given to the work is called from the pool's reader threads.</remarks>
    Task<T> ShowProgressAsync<T>(string title, long total, Func<IProgress<int>, Task<T>> work);

    void ChunkDone(int done, int total, ChunkResult chunk);

    void Crashed(Exception exception);

    void Summary(DemoSummary summary);

    public static IDemoView Create() => Console.IsOutputRedirected ? new PlainDemoView() : new RichDemoView();
}

/// <summary>An <see cref="IProgress{T}"/> that runs its callback on the reporting thread, at once.</summary>
/// <remarks>
/// <see cref="Progress{T}"/> would post each report to the thread pool, so reports could arrive after the work
/// completed and out of order; the views here are thread-safe, so there is no need to hop threads.
/// </remarks>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
