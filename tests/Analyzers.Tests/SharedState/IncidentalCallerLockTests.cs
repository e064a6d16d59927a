using Forklift.Analyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using InconsistentVerify = Forklift.Analyzers.Tests.Verifiers.CSharpAnalyzerVerifier<Forklift.Analyzers.SharedState.InconsistentSynchronizationAnalyzer>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A store of a constant whose only locked occurrence is itself, reached through a caller that holds a lock and through
/// one that does not (SSH.NET's <c>Session.Disconnect</c>, see docs/real-code.md, session 73): the lock belongs to that
/// caller's operation, not to the state, and a constant store reads nothing, so there is no guard to miss.
/// </summary>
public class IncidentalCallerLockTests
{
    private const string Session = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Session
        {
            private readonly SemaphoreSlim _connectLock = new(1, 1);
            private bool _isDisconnecting;
            private int _disconnects;
            private string? _id;

            public void Connect()
            {
                _connectLock.Wait();
                try
                {
                    _ = Task.Factory.StartNew(Listen, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Current);
                    _id = Console.ReadLine();
                    if (_id is null)
                    {
                        Disconnect();
                    }
                }
                finally
                {
                    _connectLock.Release();
                }
            }

            public async Task ConnectAsync()
            {
                await _connectLock.WaitAsync();
                try
                {
                    _ = Task.Factory.StartNew(Listen, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Current);
                }
                finally
                {
                    _connectLock.Release();
                }
            }

            public void Disconnect() => Disconnect("closed");

            private void Listen()
            {
                while (!_isDisconnecting)
                {
                    if (Console.ReadLine() is null)
                    {
                        Disconnect();
                        return;
                    }
                }
            }

            private void Disconnect(string reason)
            {
                STORE;
                Console.WriteLine(reason);
            }
        }
        """;

    [Fact]
    public Task A_constant_stored_where_only_some_callers_hold_a_lock_has_no_guard()
        => SharedStateSilence.VerifyNoRaceAsync(Session.Replace("STORE", "_isDisconnecting = true"));

    [Fact]
    public Task A_constant_stored_where_another_place_always_holds_the_lock_is_still_told()
        => InconsistentVerify.VerifyAnalyzerAsync(
            Session.Replace("STORE", "{|#0:_isDisconnecting = true|}").Replace("_id = Console.ReadLine();", "_isDisconnecting = false;\n_id = Console.ReadLine();"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_isDisconnecting", "updated", "_connectLock", "in 'Disconnect' (2 of 2 accesses)", "'Disconnect' runs on several threads (started at line 17)"));

    [Fact]
    public Task A_count_updated_where_only_some_callers_hold_a_lock_is_still_told()
        => InconsistentVerify.VerifyAnalyzerAsync(
            Session.Replace("STORE", "{|#0:_disconnects++|}"),
            InconsistentVerify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations)
                .WithArguments("_disconnects", "updated", "_connectLock", "in 'Disconnect' (1 of 1 accesses)", "'Disconnect' runs on several threads (started at line 17)"));
}
