using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// Waiting for a timer's callbacks does not wait for the task a callback starts and drops: what that async method does
/// after its await runs beside the member that waited (#9, set ba R09: a lease renewal that clears the lease id after
/// the lease was disposed).
/// </summary>
public class OutlivesTimerWaitTests
{
    private static string Lease(string callback, string renewal = "_leaseId = null;", string afterWait = "var leaseId = _leaseId;\n        _leaseId = null;") => $$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ILeaseClient
        {
            Task<bool> RenewAsync(string leaseId);
            Task ReleaseAsync(string leaseId);
        }

        public sealed class Lease : IAsyncDisposable
        {
            private readonly ILeaseClient _client;
            private readonly Timer _renewTimer;
            private readonly object _gate = new();
            private string? _leaseId;

            public Lease(ILeaseClient client, string leaseId)
            {
                _client = client;
                _leaseId = leaseId;
                _renewTimer = {|#1:new Timer({{callback}}, null, 5000, 5000)|};
            }

            public event Action? Lost;

            private async Task RenewAsync()
            {
                var leaseId = _leaseId;
                if (leaseId is null) return;
                var renewed = await _client.RenewAsync(leaseId).ConfigureAwait(false);
                if (!renewed)
                {
                    {{renewal}}
                    Lost?.Invoke();
                }
            }

            public async ValueTask DisposeAsync()
            {
                await _renewTimer.DisposeAsync().ConfigureAwait(false);
                {{afterWait}}
                if (leaseId is not null) await _client.ReleaseAsync(leaseId).ConfigureAwait(false);
            }
        }
        """;

    [Fact]
    public Task Field_stored_after_the_await_of_a_dropped_renewal_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Lease("_ => _ = RenewAsync()", renewal: "{|#0:_leaseId = null|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_leaseId", "RenewAsync",
                "the timer callback wired at line 22 starts 'RenewAsync' without waiting for it, so what follows its await at line 31 runs on a pool thread after the callback has returned; 'DisposeAsync' waits for the timer's callbacks at line 41 and then reads '_leaseId' at line 42, while this can still run (keep the task the callback starts and wait for it too)"));

    [Fact]
    public Task Renewal_called_as_a_statement_is_flagged_too()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Lease("_ => { RenewAsync(); }", renewal: "{|#0:_leaseId = null|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1).WithArguments(
                "_leaseId", "RenewAsync",
                "the timer callback wired at line 22 starts 'RenewAsync' without waiting for it, so what follows its await at line 31 runs on a pool thread after the callback has returned; 'DisposeAsync' waits for the timer's callbacks at line 41 and then reads '_leaseId' at line 42, while this can still run (keep the task the callback starts and wait for it too)"));

    [Fact]
    public Task Both_sides_under_one_lock_are_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Lease(
            "_ => _ = RenewAsync()",
            renewal: "lock (_gate) { _leaseId = null; }",
            afterWait: "string? leaseId;\n        lock (_gate) { leaseId = _leaseId; _leaseId = null; }").Replace("{|#1:", "").Replace(")|};", ");"));

    [Fact]
    public Task Disposal_that_does_not_use_the_field_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync(Lease("_ => _ = RenewAsync()", afterWait: "string? leaseId = null;").Replace("{|#1:", "").Replace(")|};", ");"));
}
