using Forklift.Analyzers.SharedState;
using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// An event raised from concurrent code runs every handler subscribed to it concurrently, wherever the handler was
/// subscribed (#9: a progress tracker whose handler counts chunks that parallel tasks report).
/// </summary>
public class EventHandlerConcurrencyTests
{
    private const string Downloader = """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class ChunkEventArgs : EventArgs
        {
            public ChunkEventArgs(long bytes) { Bytes = bytes; }
            public long Bytes { get; }
        }

        public sealed class Downloader
        {
            private readonly object _gate = new object();
            public event EventHandler<ChunkEventArgs>? ChunkCompleted;

            public Task DownloadAsync(int chunks)
                => Task.WhenAll(Enumerable.Range(0, chunks).Select(i => {|#9:Task.Run(() => RAISE)|}));
        }

        """;

    private static string Source(string raise, string tracker) => Downloader.Replace("RAISE", raise) + tracker;

    private const string Tracker = """
        public sealed class Tracker
        {
            private long _bytes;
            private int _chunks;
            private readonly object _sync = new object();

            public Tracker(Downloader downloader) => downloader.ChunkCompleted += OnChunk;

            private void OnChunk(object? sender, ChunkEventArgs e)
            {
                BODY
            }
        }
        """;

    [Fact]
    public Task Handler_subscribed_in_another_class_to_an_event_raised_by_parallel_tasks_is_flagged()
        => Verify.VerifyAnalyzerAsync(
            Source("ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))", Tracker.Replace("BODY", "{|#0:_bytes += e.Bytes|}; {|#1:_chunks++|};")),
            Verify.Diagnostic().WithLocation(0).WithLocation(9)
                .WithArguments("_bytes", "OnChunk", "'OnChunk' handles 'ChunkCompleted', raised by the code started at line 18"),
            Verify.Diagnostic().WithLocation(1).WithLocation(9)
                .WithArguments("_chunks", "OnChunk", "'OnChunk' handles 'ChunkCompleted', raised by the code started at line 18"));

    [Fact]
    public Task Raised_by_a_direct_call_of_the_event_is_flagged()
        => Verify.VerifyAnalyzerAsync(Source(
            "{ if (ChunkCompleted != null) ChunkCompleted(this, new ChunkEventArgs(i)); }",
            Tracker.Replace("BODY", "[|_chunks++|];")));

    [Fact]
    public Task Raised_through_a_local_copy_of_the_event_is_flagged()
        => Verify.VerifyAnalyzerAsync(Source(
            "{ var handler = ChunkCompleted; handler?.Invoke(this, new ChunkEventArgs(i)); }",
            Tracker.Replace("BODY", "[|_chunks++|];")));

    [Fact]
    public Task Raised_through_a_volatile_read_of_the_event_is_flagged()
        => Verify.VerifyAnalyzerAsync(Source(
            "{ var handler = Volatile.Read(ref ChunkCompleted); handler?.Invoke(this, new ChunkEventArgs(i)); }",
            Tracker.Replace("BODY", "[|_chunks++|];")));

    [Fact]
    public Task Lambda_handler_updating_a_captured_local_is_flagged()
        => Verify.VerifyAnalyzerAsync(Source("ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))", """
            public static class Program
            {
                public static async Task<long> CountAsync(Downloader downloader)
                {
                    long total = 0;
                    downloader.ChunkCompleted += (s, e) => {|#0:total += e.Bytes|};
                    await downloader.DownloadAsync(8);
                    return total;
                }
            }
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation(9)
                .WithArguments("total", "CountAsync", "the handler of 'ChunkCompleted' subscribed in 'CountAsync' is raised by the code started at line 18"));

    [Fact]
    public Task Static_handler_updating_static_state_is_flagged()
        => Verify.VerifyAnalyzerAsync(Source("ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))", """
            public static class Totals
            {
                private static long s_bytes;

                public static void Watch(Downloader downloader) => downloader.ChunkCompleted += Count;

                private static void Count(object? sender, ChunkEventArgs e) => [|s_bytes += e.Bytes|];
            }
            """));

    [Fact]
    public Task Static_handler_writing_under_a_static_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Source("ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))", """
            public static class Totals
            {
                private static readonly object s_lock = new object();
                private static long s_bytes;

                public static void Watch(Downloader downloader) => downloader.ChunkCompleted += Count;

                private static void Count(object? sender, ChunkEventArgs e)
                {
                    lock (s_lock)
                    {
                        s_bytes += e.Bytes;
                    }
                }
            }
            """));

    [Fact]
    public Task Handler_that_locks_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Source(
            "ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))",
            Tracker.Replace("BODY", "lock (_sync) { _bytes += e.Bytes; _chunks++; }")));

    [Fact]
    public Task Handler_that_uses_Interlocked_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Source(
            "ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))",
            Tracker.Replace("BODY", "Interlocked.Add(ref _bytes, e.Bytes); Interlocked.Increment(ref _chunks);")));

    [Fact]
    public Task Event_raised_under_the_raisers_lock_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Source(
            "{ lock (_gate) { ChunkCompleted?.Invoke(this, new ChunkEventArgs(i)); } }",
            Tracker.Replace("BODY", "_bytes += e.Bytes; _chunks++;")));

    [Fact]
    public Task Event_raised_from_one_thread_only_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            public sealed class Poller
            {
                public event EventHandler? Ticked;

                public Task RunAsync() => Task.Run(() => { for (int i = 0; i < 10; i++) Ticked?.Invoke(this, EventArgs.Empty); });
            }

            public sealed class Counter
            {
                private int _ticks;

                public Counter(Poller poller) => poller.Ticked += OnTick;

                private void OnTick(object? sender, EventArgs e) => _ticks++;
            }
            """);

    [Fact]
    public Task Events_of_objects_owned_by_each_parallel_body_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Threading.Tasks;

            public sealed class Job
            {
                public event EventHandler? Done;
                public void Run() => Done?.Invoke(this, EventArgs.Empty);
            }

            public sealed class Tally
            {
                private int _done;
                public Tally(Job job) => job.Done += OnDone;
                private void OnDone(object? sender, EventArgs e) => _done++;

                public static void RunAll(int n) => Parallel.For(0, n, i =>
                {
                    var job = new Job();
                    var tally = new Tally(job);
                    job.Run();
                });
            }
            """);

    [Fact]
    public Task Handler_of_another_event_with_the_same_name_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Source("ChunkCompleted?.Invoke(this, new ChunkEventArgs(i))", """
            public sealed class OtherSource
            {
                public event EventHandler<ChunkEventArgs>? ChunkCompleted;
                public void Raise() => ChunkCompleted?.Invoke(this, new ChunkEventArgs(0));
            }

            public sealed class Tracker
            {
                private int _chunks;

                public Tracker(OtherSource source) => source.ChunkCompleted += OnChunk;

                private void OnChunk(object? sender, ChunkEventArgs e) => _chunks++;
            }
            """));
}
