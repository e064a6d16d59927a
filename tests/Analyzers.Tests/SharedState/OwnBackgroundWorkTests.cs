using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work that an object starts and leaves running (a background loop, a timer) runs beside whatever callers call on
/// that object meanwhile: its non-private members that name the state the work touches are the other side. A
/// <c>System.Timers.Timer</c> with <c>AutoReset = false</c> that only its handler re-arms runs the handler one call at a
/// time.
/// </summary>
public class OwnBackgroundWorkTests
{
    [Fact]
    public Task Counter_reset_by_the_flush_loop_and_incremented_by_callers()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Metrics
            {
                private readonly CancellationTokenSource _stop = new();
                private long _requests;

                public void Start() => Task.Run(async () =>
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        await Task.Delay(1000);
                        Console.WriteLine(_requests);
                        _requests = 0;
                    }
                });

                public void Record() => {|#0:_requests++|};

                public string Describe() => "metrics";
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(10, 28, 18, 7)
                .WithArguments("_requests", "Record", "'Record' can be called while the work its object started at line 10 runs"));

    [Fact]
    public Task One_shot_timer_reload_publishes_a_dictionary_before_filling_it_while_callers_read()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync("""
            using System.Collections.Generic;
            using System.Timers;

            sealed class Flags
            {
                private readonly Timer _reload;
                private Dictionary<string, bool> _flags = new();

                public Flags()
                {
                    _reload = new Timer(30_000) { AutoReset = false };
                    _reload.Elapsed += OnReload;
                    _reload.Start();
                }

                public bool IsOn(string name) => _flags.TryGetValue(name, out var on) && on;

                private void OnReload(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        _flags = new Dictionary<string, bool>();
                        [|_flags["beta"] = true|];
                    }
                    finally
                    {
                        _reload.Start();
                    }
                }
            }
            """);

    [Fact]
    public Task One_shot_timer_that_only_its_handler_rearms_runs_one_call_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System;
            using System.Timers;

            sealed class Poller
            {
                private readonly Timer _timer;
                private DateTime _lastSeen;
                private int _polls;

                public Poller()
                {
                    _timer = new Timer(5_000) { AutoReset = false };
                    _timer.Elapsed += OnTick;
                    _timer.Start();
                }

                private void OnTick(object? sender, ElapsedEventArgs e)
                {
                    try
                    {
                        _polls++;
                        _lastSeen = DateTime.UtcNow;
                    }
                    finally
                    {
                        _timer.Start();
                    }
                }
            }
            """);

    [Fact]
    public Task One_shot_timer_started_from_a_public_method_can_overlap_its_handler()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System.Timers;

            sealed class Poller
            {
                private readonly Timer _timer;
                private int _polls;

                public Poller()
                {
                    _timer = new Timer(5_000) { AutoReset = false };
                    _timer.Elapsed += OnTick;
                }

                public void Poke() => _timer.Start();

                private void OnTick(object? sender, ElapsedEventArgs e) => [|_polls++|];
            }
            """);
}
