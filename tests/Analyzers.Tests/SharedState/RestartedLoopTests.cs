using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A loop that starts its next run as its last act (<c>_loop = Task.Run(ReconnectLoop);</c> at the end of
/// <c>ReconnectLoop</c>, or in the <c>catch</c> that restarts a failed event loop) runs one run after another, not
/// two at once (NATS.Client's connection, judged on real code). Its fields are not written by several threads.
/// </summary>
public class RestartedLoopTests
{
    private const string Connection = """
        using System;
        using System.Threading.Tasks;

        public enum State { Closed, Connecting, Open, Reconnecting }

        public sealed class Connection
        {
            private readonly object _gate = new();
            private State _state;
            private Socket? _socket;
            private Uri? _current;
            private Task? _loop;
            private Task _events;
            private int _failures;
            private TaskCompletionSource _open = new();

            public Connection() => _events = Task.Run(PublishEventsAsync);

            public async Task ConnectAsync()
            {
                TaskCompletionSource? waiter = null;
                lock (_gate)
                {
                    if (_state != State.Closed) waiter = _open;
                    else _state = State.Connecting;
                }

                if (waiter != null)
                {
                    await waiter.Task;
                    return;
                }

                await ConnectSocketAsync(new Uri("nats://seed"));
                lock (_gate)
                {
                    _state = State.Open;
                    _open.TrySetResult();
                    _loop = START;
                }
            }

            private async Task ConnectSocketAsync(Uri uri)
            {
                _current = uri;
                var socket = new Socket();
                await socket.OpenAsync(uri);
                _socket = socket;
            }

            private async void ReconnectLoop()
            {
                await _socket!.Closed;
                lock (_gate)
                {
                    _state = State.Reconnecting;
                    _open = new TaskCompletionSource();
                }

                await ConnectSocketAsync(_current!);
                lock (_gate)
                {
                    _state = State.Open;
                    _open.TrySetResult();
                    RESTART
                }
            }

            private async Task PublishEventsAsync()
            {
                try
                {
                    await Task.Delay(100);
                }
                catch (Exception)
                {
                    _failures = _failures + 1;
                    _events = Task.Run(PublishEventsAsync);
                }
            }
        }

        public sealed class Socket
        {
            public Task Closed { get; } = Task.Delay(1000);
            public Task OpenAsync(Uri uri) => Task.CompletedTask;
        }
        """;

    [Fact]
    public Task Loop_that_restarts_itself_at_its_end_runs_one_run_at_a_time()
        => SharedStateSilence.VerifyNoRaceAsync(Connection.Replace("RESTART", "_loop = Task.Run(ReconnectLoop);").Replace("START", "Task.Run(ReconnectLoop)"));

    [Fact]
    public Task Loop_started_again_in_a_loop_of_its_own_still_runs_beside_itself()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Connection.Replace("RESTART", "for (var i = 0; i < 2; i++) _loop = Task.Run(ReconnectLoop);")
                      .Replace("_current = uri;", "{|#0:_current = uri|};")
                      .Replace("START", "{|#1:Task.Run(ReconnectLoop)|}"),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_current", "ConnectSocketAsync", "'ConnectSocketAsync' runs on several threads (started at line 39)"));

    /// <summary>
    /// NATS.Client's ping loop: an <c>async void</c> method called as a statement returns at its first
    /// <c>ConfigureAwait(false)</c> await and goes on on the pool, beside the reconnect loop that clears the socket it
    /// checks and then uses. The race was once found only through a false premise (two reconnect loops at once).
    /// </summary>
    private const string Pinging = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Connection
        {
            private readonly object _gate = new();
            private Socket? _socket;
            private int _pongs;
            private Task? _loop;
            private CancellationTokenSource? _pingCts;

            public async Task ConnectAsync()
            {
                _socket = new Socket();
                await _socket.OpenAsync().ConfigureAwait(false);
                lock (_gate)
                {
                    _pingCts = new CancellationTokenSource();
                    StartPingTimer(_pingCts.Token);
                    _loop = {|#1:Task.Run(ReconnectLoop)|};
                }
            }

            private async void StartPingTimer(CancellationToken cancellationToken)
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                while (!cancellationToken.IsCancellationRequested)
                {
                    if (Interlocked.Increment(ref _pongs) > 3 && _socket != null)
                    {
                        await _socket.DisposeAsync().ConfigureAwait(AWAIT);
                        return;
                    }

                    await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(AWAIT);
                }
            }

            private async void ReconnectLoop()
            {
                await _socket!.Closed.ConfigureAwait(false);
                lock (_gate) { _pingCts?.Cancel(); }
                if (_socket != null)
                {
                    await _socket.DisposeAsync().ConfigureAwait(false);
                    {|#0:_socket = null|};
                }
            }
        }

        public sealed class Socket : IAsyncDisposable
        {
            public Task Closed { get; } = Task.Delay(1000);
            public Task OpenAsync() => Task.CompletedTask;
            public ValueTask DisposeAsync() => default;
        }
        """;

    [Fact]
    public Task Async_void_loop_called_as_a_statement_runs_beside_its_caller()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            Pinging.Replace("AWAIT", "false"),
            TestReferences.Net80,
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_socket", "ReconnectLoop", "'StartPingTimer' runs on several threads (started at line 20), and it checks '_socket' for null at line 30 and reads it again at line 32, which can see this null"));
}

