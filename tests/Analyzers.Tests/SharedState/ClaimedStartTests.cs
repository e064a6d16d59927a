using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using InconsistentVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;
using MutationVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.SharedStateMutationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Work started only by the caller that claimed a flag under a lock, and given back by that work as its last step
/// (CSRedis' <c>BackgroundGetSentinelMasterValue</c>, see docs/real-code.md, session 73): however many callers ask at
/// once, one thread runs, so it does not run beside itself and its release is not an unguarded store.
/// </summary>
public class ClaimedStartTests
{
    private const string Sentinel = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Sentinel
        {
            private readonly object _gate = new();
            private bool _switching;
            private int _attempts;

            public void Warm(string[] keys) => Parallel.ForEach(keys, key => Execute(() => key.Length));

            public T Execute<T>(Func<T> command)
            {
                while (true)
                {
                    try
                    {
                        return command();
                    }
                    catch (InvalidOperationException)
                    {
                        Switch();
                        throw;
                    }
                }
            }

            private bool Switch()
            {
                var won = false;
                if (_switching == false)
                {
                    lock (_gate)
                    {
                        CLAIM
                    }
                }

                START
                {
                    new Thread(() =>
                    {
                        while (true)
                        {
                            Thread.Sleep(1000);
                            {|#1:_attempts++|};
                            if (Probe())
                            {
                                {|#0:_switching = false|};
                                return;
                            }
                        }
                    }).Start();
                }

                return won;
            }

            private static bool Probe() => true;

            RESET
        }
        """;

    private const string Claim = """
        if (_switching == false)
        {
            _switching = won = true;
        }
        """;

    [Theory]
    [InlineData("if (_switching == false)\n{\n    _switching = won = true;\n}")]
    [InlineData("if (!_switching)\n{\n    _switching = true;\n    won = true;\n}")]
    [InlineData("if (_switching) return false;\n_switching = won = true;")]
    public Task A_thread_started_by_the_winner_of_a_claim_under_the_lock_runs_alone(string claim)
        => SharedStateSilence.VerifyNoRaceAsync(SharedStateSilence.Unmarked(Source(claim, "if (won)", "")));

    [Fact]
    public Task A_claim_without_a_check_under_the_lock_admits_every_caller()
        => VerifyFlaggedAsync(Source("_switching = won = true;", "if (won)", ""));

    [Fact]
    public Task A_start_that_does_not_wait_for_the_claim_runs_beside_itself()
        => VerifyFlaggedAsync(Source(Claim, "if (_switching)", ""));

    [Fact]
    public Task A_flag_given_back_elsewhere_lets_a_second_thread_start()
        => MutationVerify.VerifyAnalyzerAsync(
            Source(Claim, "if (won)", "public void Reset() => _switching = false;").Replace("{|#0:_switching = false|}", "_switching = false"),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_attempts", "Switch", "'Switch' runs on several threads (started at line 11)"));

    [Fact]
    public Task Work_left_after_the_flag_is_given_back_runs_beside_the_next_thread()
        => MutationVerify.VerifyAnalyzerAsync(
            Source(Claim, "if (won)", "").Replace("{|#0:_switching = false|};", "_switching = false;\n_attempts = 0;"),
            MutationVerify.Diagnostic().WithLocation(1).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_attempts", "Switch", "'Switch' runs on several threads (started at line 11)"));

    private static Task VerifyFlaggedAsync(string source)
        => InconsistentVerify.VerifyAnalyzerAsync(
            source.Replace("{|#1:_attempts++|}", "_attempts++"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_switching", "updated", "_gate", "in 'Switch' (1 of 2 accesses)", "'Switch' runs on several threads (started at line 11)"));

    private static string Source(string claim, string start, string reset)
        => Sentinel.Replace("CLAIM", claim).Replace("START", start).Replace("RESET", reset);
}
