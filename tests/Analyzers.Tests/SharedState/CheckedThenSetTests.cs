using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1001 on a flag checked and then set by a member callers call at once (blind set ap, R16: a plotter connection
/// whose <c>Send</c> starts a flush loop when none runs): two callers both pass the check before either sets the flag,
/// and both start the loop. A constant store loses no update, but the check decides what the branch does.
/// </summary>
public class CheckedThenSetTests
{
    private const string Connection = """
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        /// <summary>Commands are queued by any thread in the layout application and written in order.</summary>
        public sealed class PlotterConnection
        {
            private readonly ConcurrentQueue<byte[]> _outbound = new();
            private int _flushes;
            private bool _flushing;

            public void Send(byte[] command)
            {
                _outbound.Enqueue(command);
                SEND
            }

            private async Task FlushAsync()
            {
                try
                {
                    while (_outbound.TryDequeue(out var command))
                    {
                        await Task.Delay(command.Length).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _flushing = false;
                }
            }
        }
        """;

    [Fact]
    public Task Flag_checked_then_set_before_a_start_is_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Connection.Replace("SEND", """
                if (!_flushing)
                    {
                        {|#0:_flushing = true|};
                        _ = FlushAsync();
                    }
                """),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 6, 21)
                .WithArguments("_flushing", "Send",
                    "'Send' may run on several threads at once: 'PlotterConnection' is documented as shared (\"by any thread\"); the check at line 15 decides this store, and two callers can both pass the check before either stores it, so what the 'if' does then runs twice (Interlocked.CompareExchange makes the check and the store one step)"));

    [Fact]
    public Task Flag_set_by_a_compare_and_swap_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Connection
            .Replace("private bool _flushing;", "private int _flushing;")
            .Replace("_flushing = false;", "Volatile.Write(ref _flushing, 0);")
            .Replace("SEND", """
                if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
                    {
                        _ = FlushAsync();
                    }
                """));

    [Fact]
    public Task Flag_checked_and_set_under_a_lock_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Connection
            .Replace("private bool _flushing;", "private bool _flushing;\n    private readonly object _gate = new();")
            .Replace("_flushing = false;", "lock (_gate) { _flushing = false; }")
            .Replace("SEND", """
                lock (_gate)
                    {
                        if (_flushing)
                        {
                            return;
                        }

                        _flushing = true;
                    }

                    _ = FlushAsync();
                """));

    /// <summary>
    /// A refreshed token stored in the branch is a publication of an immutable value, not a flag: the demo's
    /// <c>TokenHandler</c> is reported once, at the expiry stored beside it.
    /// </summary>
    [Fact]
    public Task Value_that_is_not_a_literal_stored_in_the_branch_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Connection
            .Replace("private bool _flushing;", "private bool _flushing;\n    private string? _token;")
            .Replace("SEND", """
                if (_token is null)
                    {
                        var token = command.Length.ToString();
                        _token = token;
                        _ = FlushAsync();
                    }
                """));

    /// <summary>A branch that only sets the flag does the same whoever runs it.</summary>
    [Fact]
    public Task Branch_that_only_sets_the_flag_is_quiet()
        => SharedStateSilence.VerifyNoRaceAsync(Connection.Replace("SEND", """
            if (!_flushing)
                {
                    _flushing = true;
                }
            """));
}
