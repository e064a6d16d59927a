using System.Text;

namespace Forklift.Transport;

/// <summary>Reads a worker's standard output or error as lines of bounded length, on the caller's thread.</summary>
/// <remarks>
/// <para>Memory stays bounded whatever the worker writes: a line longer than <see cref="MaxLineBytes"/> (a 200 MB
/// progress bar without a newline) is handed on in pieces of at most that size, cut between UTF-8 characters.</para>
/// <para>A grandchild may hold the pipe open long after the worker died, so the end of file cannot tell that the
/// worker's last words have been read. <see cref="WaitUntilDrained"/> tells it instead: the reader is waiting for
/// more and the pipe is empty. That needs the reader to wait for data with <c>poll</c> before it reads (bytes
/// that <c>read</c> has taken out of the pipe but not yet handed on would otherwise look like an empty pipe).</para>
/// <para><see cref="Run"/> owns the stream and disposes it at the end: nothing else may close it while the reading
/// thread waits on its descriptor.</para>
/// </remarks>
internal sealed class OutputLineReader
{
    /// <summary>16 KiB: far above any line a person reads, small enough that a stream of pieces costs nothing to keep.</summary>
    public const int MaxLineBytes = 16 * 1024;

    private readonly Stream _stream;
    private readonly Action _waitReadable;
    private readonly object _gate = new();
    private readonly byte[] _buffer = new byte[MaxLineBytes];
    private readonly ManualResetEventSlim _ended = new();
    private int _count;

    // The number of the wait for data the reader is in, or -1 while it reads and hands on lines.
    private long _waiting = -1;
    private long _waits;

    public OutputLineReader(Stream stream, Action waitReadable)
    {
        _stream = stream;
        _waitReadable = waitReadable;
    }

    /// <summary>Reads until the end of the stream, handing each line (without its newline) to <paramref name="onLine"/>.</summary>
    public void Run(Action<string> onLine)
    {
        var lines = new List<string>();
        try
        {
            while (true)
            {
                Volatile.Write(ref _waiting, ++_waits);
                _waitReadable();
                Volatile.Write(ref _waiting, -1);
                lock (_gate)
                {
                    int n = _stream.Read(_buffer, _count, _buffer.Length - _count);
                    if (n == 0)
                    {
                        break;
                    }

                    _count += n;
                    TakeLines(lines);
                }

                HandOn(lines, onLine);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
        finally
        {
            lock (_gate)
            {
                TakeRest(lines);
            }

            HandOn(lines, onLine);
            _stream.Dispose();
            _ended.Set();
        }
    }

    /// <summary>After the writer exited: waits until everything it wrote has been handed on (the stream ended, or the
    /// reader waits for more while <paramref name="pipeIsEmpty"/>), at most <paramref name="bound"/>; then hands on an
    /// unfinished last line too.</summary>
    public void WaitUntilDrained(Func<bool> pipeIsEmpty, TimeSpan bound, Action<string> onLine)
    {
        long deadline = Environment.TickCount64 + (long)bound.TotalMilliseconds;
        while (!_ended.IsSet)
        {
            long wait = Volatile.Read(ref _waiting);
            if (wait > 0 && pipeIsEmpty() && Volatile.Read(ref _waiting) == wait)
            {
                var rest = new List<string>(1);
                lock (_gate)
                {
                    TakeRest(rest);
                }

                HandOn(rest, onLine);
                return;
            }

            if (Environment.TickCount64 > deadline)
            {
                return;
            }

            // Waiting for a state another thread reaches, not for time to pass: it usually holds at the first check.
            _ended.Wait(5);
        }
    }

    private static void HandOn(List<string> lines, Action<string> onLine)
    {
        foreach (string line in lines)
        {
            onLine(line);
        }

        lines.Clear();
    }

    private void TakeLines(List<string> lines)
    {
        int start = 0;
        while (true)
        {
            int newline = Array.IndexOf(_buffer, (byte)'\n', start, _count - start);
            if (newline < 0)
            {
                break;
            }

            lines.Add(Decode(start, newline - start));
            start = newline + 1;
        }

        if (start == 0 && _count == _buffer.Length)
        {
            // A full buffer without a newline: hand on a piece, cut where no UTF-8 character is split.
            int cut = CharacterBoundary(_count);
            lines.Add(Decode(0, cut));
            start = cut;
        }

        if (start > 0)
        {
            Buffer.BlockCopy(_buffer, start, _buffer, 0, _count - start);
            _count -= start;
        }
    }

    private void TakeRest(List<string> lines)
    {
        if (_count > 0)
        {
            lines.Add(Decode(0, _count));
            _count = 0;
        }
    }

    private int CharacterBoundary(int end)
    {
        // Back over continuation bytes (10xxxxxx) to the lead byte of the last character, at most 4 bytes.
        int lead = end - 1;
        while (lead > end - 4 && lead > 0 && (_buffer[lead] & 0xC0) == 0x80)
        {
            lead--;
        }

        byte first = _buffer[lead];
        if (first < 0xC0)
        {
            // ASCII, or stray continuation bytes: nothing to keep together.
            return end;
        }

        int length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2;
        return end - lead >= length ? end : lead;
    }

    private string Decode(int start, int length)
    {
        if (length > 0 && _buffer[start + length - 1] == '\r')
        {
            length--;
        }

        return Encoding.UTF8.GetString(_buffer, start, length);
    }
}
