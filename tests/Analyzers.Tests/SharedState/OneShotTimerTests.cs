using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A <c>System.Timers.Timer</c> with <c>AutoReset = false</c> fires once per start: when only its handler (and the
/// member that subscribes it) starts it again, the handler runs one call at a time and does not race with itself.
/// </summary>
public class OneShotTimerTests
{
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
