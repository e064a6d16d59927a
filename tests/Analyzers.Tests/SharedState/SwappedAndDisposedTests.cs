using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1001 on a cancellation source swapped for a new one and the old one disposed through a local, while a member that
/// callers run at the same time reads the field's token (blind set bl R14: a drop queue's <c>ReplanAll</c>, called with
/// <c>EnqueueAsync</c> by an incident console "invoked from concurrent web requests").
/// </summary>
public class SwappedAndDisposedTests
{
    private const string Queue = """
        using System;
        using System.Collections.Concurrent;
        using System.Threading;

        namespace Dispatch
        {
            QUEUEDOC
            public sealed class DropQueue : IDisposable
            {
                private readonly ConcurrentQueue<(string Fire, CancellationToken Token)> _queue = new();
                private readonly object _gate = new();
                private CancellationTokenSource _planCts = new();

                public void {|#1:Enqueue|}(string fire)
                {
                    READ
                }

                public void ReplanAll()
                {
                    SWAP
                }

                public bool TryTake(out (string Fire, CancellationToken Token) item) => _queue.TryDequeue(out item);

                public void Dispose() => _planCts.Dispose();
            }

            CONSOLEDOC
            public sealed class IncidentConsole
            {
                private readonly DropQueue _drops;

                public IncidentConsole(DropQueue drops) => _drops = drops;

                public void RequestDrop(string fire) => _drops.Enqueue(fire);

                public void WindShift() => _drops.ReplanAll();
            }
        }
        """;

    private const string Read = "_queue.Enqueue((fire, _planCts.Token));";

    private const string Swap = """
        var old = _planCts;
                    {|#0:_planCts = new CancellationTokenSource()|};
                    old.Cancel();
                    old.Dispose();
        """;

    private const string ConcurrentConsole = "/// <summary>Incident console actions, invoked from concurrent web requests.</summary>";

    private static string Source(string queueDoc, string consoleDoc, string read = Read, string swap = Swap)
        => Queue.Replace("QUEUEDOC", queueDoc).Replace("CONSOLEDOC", consoleDoc).Replace("READ", read).Replace("SWAP", swap);

    [Fact]
    public Task Swap_in_a_class_a_concurrent_holder_calls_is_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Source("/// <summary>Queues drop requests.</summary>", ConcurrentConsole),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_planCts", "ReplanAll",
                    "'Enqueue' reads '_planCts' with no lock while this runs ('IncidentConsole' keeps one in '_drops' and calls 'Enqueue' through it, and 'IncidentConsole' is documented as shared (\"concurrent web requests\")), and can take the old source just before the swap and use it after 'old.Dispose()' (swap and read under one lock, or hand each caller a token of a source it keeps)"));

    [Fact]
    public Task Swap_in_a_class_documented_as_shared_is_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Source("/// <summary>Queues drop requests; called from many threads.</summary>", "/// <summary>Console actions.</summary>"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_planCts", "ReplanAll",
                    "'Enqueue' reads '_planCts' with no lock while this runs ('DropQueue' is documented as shared (\"from many threads\")), and can take the old source just before the swap and use it after 'old.Dispose()' (swap and read under one lock, or hand each caller a token of a source it keeps)"));

    [Fact]
    public Task Swap_with_no_concurrent_caller_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Source("/// <summary>Queues drop requests.</summary>", "/// <summary>Console actions.</summary>")));

    [Fact]
    public Task Swap_in_a_class_documented_for_one_thread_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Source("/// <summary>Queues drop requests; used by one thread at a time.</summary>", ConcurrentConsole)));

    [Fact]
    public Task Swap_and_read_under_one_lock_are_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Source(
            "/// <summary>Queues drop requests.</summary>",
            ConcurrentConsole,
            read: "lock (_gate) { _queue.Enqueue((fire, _planCts.Token)); }",
            swap: "CancellationTokenSource old; lock (_gate) { old = _planCts; _planCts = new CancellationTokenSource(); } old.Cancel(); old.Dispose();")));

    [Fact]
    public Task Read_under_a_lock_is_left_to_the_lock_rules()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Source("/// <summary>Queues drop requests.</summary>", ConcurrentConsole, read: "lock (_gate) { _queue.Enqueue((fire, _planCts.Token)); }"));

    [Fact]
    public Task Field_disposed_in_place_is_left_to_the_loop_check()
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Source(
            "/// <summary>Queues drop requests.</summary>",
            ConcurrentConsole,
            swap: "_planCts.Cancel(); var next = new CancellationTokenSource(); _planCts = next;")));
}
