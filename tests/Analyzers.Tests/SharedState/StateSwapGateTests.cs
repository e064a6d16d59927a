using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A connection's disconnect paths often pass a private <c>bool</c> helper that moves the connection's state with a
/// compare-and-swap loop and answers <c>false</c> only to the one caller whose swap succeeded
/// (<c>if (DisconnectIsPending()) return;</c>): the code past it runs once per connection, whichever thread (a user,
/// the keep-alive loop, the receive loop) gets there first. Minimized from two false reports on MQTTnet's
/// <c>MqttClient</c> (docs/real-code.md, session 41). The helper stands for the gate, so a connect, which swaps the
/// same field from another state, is not excluded by it.
/// </summary>
public class StateSwapGateTests
{
    private static string Link(string swap, string pending) => $$"""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Link
        {
            private const int Down = 0, Rising = 1, Up = 2, Falling = 3;
            private int _state;
            private Stream? _transport;
            private Task? _keepAlive;
            private bool _closing;

            public void Open(Stream transport, CancellationToken token)
            {
                if (Interlocked.CompareExchange(ref _state, Rising, Down) != Down)
                {
                    throw new InvalidOperationException("Open or opening.");
                }

                _transport = transport;
                _keepAlive = Task.Run(() => KeepAlive(token));
                Interlocked.Exchange(ref _state, Up);
            }

            public async Task CloseAsync()
            {
                if (IsClosingOrClosed())
                {
                    return;
                }

                _closing = true;
                await CloseCore();
            }

            private async Task KeepAlive(CancellationToken token)
            {
                try
                {
                    while (true)
                    {
                        await Task.Delay(1000, token);
                    }
                }
                catch (Exception)
                {
                    await (!IsClosingOrClosed() ? CloseCore() : Task.CompletedTask);
                }
            }

            private async Task CloseCore()
            {
                if (_transport != null)
                {
                    await _transport.FlushAsync();
                }

                _transport = null;
                _closing = false;
                Volatile.Write(ref _state, Down);
            }

            private bool IsClosingOrClosed()
            {
                var state = Volatile.Read(ref _state);
                while (true)
                {
                    if (state is Down or Falling)
                    {
                        return true;
                    }

                    {{pending}}
                }
            }
            {{swap}}
        }
        """;

    [Theory]
    [InlineData("", """
        var seen = Interlocked.CompareExchange(ref _state, Falling, state);
        if (seen == state)
        {
            return false;
        }

        state = seen;
        """)]
    [InlineData("private int Swap(int value, int comparand) => (int)Interlocked.CompareExchange(ref _state, value, comparand);", """
        var seen = Swap(Falling, state);
        if (seen == state) return false;
        state = seen;
        """)]
    public Task Paths_behind_a_helper_that_answers_only_the_swap_winner_run_one_at_a_time(string swap, string pending)
        => SharedStateSilence.VerifyNoRaceAsync(Link(swap, pending));

    [Fact]
    public Task Helper_that_answers_false_whether_or_not_its_swap_won_is_no_gate()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Link("", """
                Interlocked.CompareExchange(ref _state, Falling, state);
                return false;
                """).Replace("_transport = null;", "{|#0:_transport = null|};").Replace("_closing = true;", "{|#1:_closing = true|};").Replace("_closing = false;", "{|#2:_closing = false|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(1).WithSpan(22, 22, 22, 54)
                .WithArguments("_closing", "CloseAsync", "'CloseAsync' can be called while the work its object started at line 22 runs"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(22, 22, 22, 54)
                .WithArguments("_transport", "CloseCore", "'CloseCore' can be called while the work its object started at line 22 runs, and it checks '_transport' for null at line 54 and reads it again at line 56, which can see this null"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(2).WithSpan(22, 22, 22, 54)
                .WithArguments("_closing", "CloseCore", "'CloseCore' runs on several threads (started at line 22)"));

    /// <summary>
    /// Behind the gate a store excludes the other closers, not the work: the receive loop's own store of the same
    /// field, which holds nothing, still meets it.
    /// </summary>
    [Fact]
    public Task Store_behind_the_gate_and_a_store_in_the_work_that_holds_nothing_are_reported()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Session
            {
                private const int Down = 0, Up = 1, Falling = 2;
                private int _state;
                private int _reason;

                public void Open(Func<Task<int>> receive)
                {
                    if (Interlocked.CompareExchange(ref _state, Up, Down) != Down)
                    {
                        throw new InvalidOperationException("Already open.");
                    }

                    Task.Run(() => ReceiveLoop(receive));
                }

                public void Close(int reason)
                {
                    if (Interlocked.CompareExchange(ref _state, Falling, Up) != Up)
                    {
                        return;
                    }

                    _reason = reason;
                    Console.WriteLine(_reason);
                    Volatile.Write(ref _state, Down);
                }

                private async Task ReceiveLoop(Func<Task<int>> receive)
                {
                    while (Volatile.Read(ref _state) == Up)
                    {
                        var code = await receive();
                        if (code > 0)
                        {
                            {|#0:_reason = code|};
                        }
                    }
                }
            }
            """,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithSpan(18, 9, 18, 45)
                .WithArguments("_reason", "ReceiveLoop", "'Close' can be called while the work its object started at line 18 runs, and stores it too"));

    /// <summary>
    /// The gate is named as its helper's call in the inconsistent-synchronization message, and no "wrap in lock" fix is
    /// offered: no <c>lock</c> statement can hold a compare-and-swap gate.
    /// </summary>
    [Fact]
    public Task Store_without_the_gate_that_guards_it_elsewhere_names_the_gate_and_offers_no_lock_fix()
    {
        var source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            public sealed class Session
            {
                private const int Down = 0, Up = 1, Falling = 2;
                private int _state;
                private int _reason;

                public void Open(Func<Task<int>> receive)
                {
                    if (Interlocked.CompareExchange(ref _state, Up, Down) != Down)
                    {
                        throw new InvalidOperationException("Already open.");
                    }

                    Task.Run(() => ReceiveLoop(receive));
                    Task.Run(KeepAlive);
                }

                private async Task KeepAlive()
                {
                    while (Volatile.Read(ref _state) == Up)
                    {
                        await Task.Delay(1000);
                    }

                    Close(3);
                }

                public void Close(int reason)
                {
                    if (IsClosing())
                    {
                        return;
                    }

                    _reason = reason;
                    Console.WriteLine(_reason);
                    Volatile.Write(ref _state, Down);
                }

                private bool IsClosing()
                {
                    var state = Volatile.Read(ref _state);
                    while (true)
                    {
                        if (state != Up)
                        {
                            return true;
                        }

                        var seen = Interlocked.CompareExchange(ref _state, Falling, state);
                        if (seen == state)
                        {
                            return false;
                        }

                        state = seen;
                    }
                }

                private async Task ReceiveLoop(Func<Task<int>> receive)
                {
                    while (Volatile.Read(ref _state) == Up)
                    {
                        var code = await receive();
                        if (code > 100)
                        {
                            Close(code);
                        }
                        else if (code > 0)
                        {
                            {|#0:_reason = code|};
                        }
                    }
                }
            }
            """;
        return CSharpCodeFixVerifier<InconsistentSynchronizationAnalyzer, Forklift.CodeFixes.SharedState.InconsistentSynchronizationCodeFix>.VerifyCodeFixAsync(
            source,
            [CSharpCodeFixVerifier<InconsistentSynchronizationAnalyzer, Forklift.CodeFixes.SharedState.InconsistentSynchronizationCodeFix>.Diagnostic().WithLocation(0).WithSpan(18, 9, 18, 45)
                .WithArguments("_reason", "updated", "IsClosing()", "in 'Close' (1 of 2 accesses)", "'ReceiveLoop' runs on several threads (started at line 18)")],
            source);
    }
}
