using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Labware.Instruments.Titration
{
    /// <summary>
    /// Driver for an autotitrator that speaks a line protocol: requests are "#seq command",
    /// replies are "#seq reply". Any thread may send commands; replies are read on a
    /// dedicated reader thread that runs until the receive stream ends.
    /// </summary>
    public sealed class TitratorClient
    {
        private readonly Stream _transmit;
        private readonly StreamReader _reader;
        private readonly object _writeLock = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource<string>> _pending = new();
        private readonly Thread _readerThread;
        private int _nextSequence;

        public TitratorClient(Stream receive, Stream transmit)
        {
            _transmit = transmit;
            _reader = new StreamReader(receive, Encoding.ASCII, detectEncodingFromByteOrderMarks: false, bufferSize: 256, leaveOpen: true);
            _readerThread = new Thread(ReadLoop) { IsBackground = true, Name = "titrator-rx" };
            _readerThread.Start();
        }

        public async Task<string> SendAsync(string command, TimeSpan timeout)
        {
            int sequence = Interlocked.Increment(ref _nextSequence);
            var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[sequence] = reply;

            byte[] line = Encoding.ASCII.GetBytes($"#{sequence} {command}\r\n");
            lock (_writeLock)
            {
                _transmit.Write(line, 0, line.Length);
                _transmit.Flush();
            }

            using var expiry = new CancellationTokenSource(timeout);
            using (expiry.Token.Register(() =>
            {
                if (_pending.TryRemove(sequence, out var expired))
                    expired.TrySetException(new TimeoutException($"No reply to '{command}' within {timeout.TotalSeconds:F1}s."));
            }))
            {
                return await reply.Task.ConfigureAwait(false);
            }
        }

        private void ReadLoop()
        {
            try
            {
                string? line;
                while ((line = _reader.ReadLine()) != null)
                {
                    if (!TryParse(line, out int sequence, out string payload))
                        continue;
                    if (_pending.TryRemove(sequence, out var waiter))
                        waiter.TrySetResult(payload);
                }
            }
            catch (IOException)
            {
            }
            finally
            {
                foreach (int sequence in _pending.Keys)
                {
                    if (_pending.TryRemove(sequence, out var waiter))
                        waiter.TrySetException(new IOException("Connection to the titrator was closed."));
                }
            }
        }

        private static bool TryParse(string line, out int sequence, out string payload)
        {
            sequence = 0;
            payload = string.Empty;
            if (line.Length < 2 || line[0] != '#') return false;
            int space = line.IndexOf(' ');
            if (space < 0) space = line.Length;
            if (!int.TryParse(line.AsSpan(1, space - 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence))
                return false;
            payload = space < line.Length ? line[(space + 1)..] : string.Empty;
            return true;
        }
    }
}
