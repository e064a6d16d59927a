using System.Net.Sockets;
using System.Text;

namespace Contoso.Devices.Telnet
{
    public sealed class LineReceivedEventArgs : EventArgs
    {
        public LineReceivedEventArgs(string line) => Line = line;
        public string Line { get; }
    }

    /// <summary>
    /// Line-oriented client for lab instruments that speak a telnet-like protocol.
    /// A background receive loop raises <see cref="LineReceived"/>; UI and
    /// automation code subscribe and unsubscribe from their own threads.
    /// </summary>
    public sealed class InstrumentConnection : IDisposable
    {
        private readonly TcpClient _client;
        private readonly CancellationTokenSource _cts = new();
        private EventHandler<LineReceivedEventArgs>? _lineReceived;

        public InstrumentConnection(TcpClient connectedClient)
        {
            _client = connectedClient;
        }

        public event EventHandler<LineReceivedEventArgs>? LineReceived
        {
            add
            {
                EventHandler<LineReceivedEventArgs>? current, updated;
                do
                {
                    current = Volatile.Read(ref _lineReceived);
                    updated = (EventHandler<LineReceivedEventArgs>?)Delegate.Combine(current, value);
                }
                while (Interlocked.CompareExchange(ref _lineReceived, updated, current) != current);
            }
            remove
            {
                EventHandler<LineReceivedEventArgs>? current, updated;
                do
                {
                    current = Volatile.Read(ref _lineReceived);
                    updated = (EventHandler<LineReceivedEventArgs>?)Delegate.Remove(current, value);
                }
                while (Interlocked.CompareExchange(ref _lineReceived, updated, current) != current);
            }
        }

        /// <summary>Starts the receive loop; the returned task completes when the instrument disconnects.</summary>
        public Task StartAsync() => Task.Run(ReceiveLoopAsync);

        private async Task ReceiveLoopAsync()
        {
            using var reader = new StreamReader(_client.GetStream(), Encoding.ASCII, leaveOpen: true);
            try
            {
                while (!_cts.IsCancellationRequested)
                {
                    var line = await reader.ReadLineAsync(_cts.Token).ConfigureAwait(false);
                    if (line is null)
                    {
                        break;
                    }

                    var handler = Volatile.Read(ref _lineReceived);
                    handler?.Invoke(this, new LineReceivedEventArgs(line));
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }

        public void Dispose()
        {
            _cts.Cancel();
            _client.Dispose();
        }
    }
}
