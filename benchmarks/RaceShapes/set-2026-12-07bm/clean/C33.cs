using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Blind65.PearlDiving.Boats;

/// <summary>
/// TCP server the pearl-diving boats connect to from the lagoon. Each boat
/// reports its dives as text lines; the harbour office reads the totals.
/// </summary>
public sealed class BoatReportServer
{
    private readonly TcpListener _listener;
    private readonly ConcurrentDictionary<string, BoatTotals> _totals = new();
    private int _connected;

    public BoatReportServer(int port) => _listener = new TcpListener(IPAddress.Any, port);

    public int ConnectedBoats => Volatile.Read(ref _connected);

    public IReadOnlyDictionary<string, BoatTotals> Totals => new Dictionary<string, BoatTotals>(_totals);

    public async Task RunAsync(CancellationToken token)
    {
        _listener.Start();
        try
        {
            while (!token.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(token).ConfigureAwait(false);
                _ = HandleBoatAsync(client, token);
            }
        }
        finally
        {
            _listener.Stop();
        }
    }

    private async Task HandleBoatAsync(TcpClient client, CancellationToken token)
    {
        Interlocked.Increment(ref _connected);
        var session = new BoatSession();
        try
        {
            using (client)
            using (var reader = new StreamReader(client.GetStream(), Encoding.UTF8))
            {
                string? line;
                while ((line = await reader.ReadLineAsync(token).ConfigureAwait(false)) is not null)
                {
                    session.Apply(line);
                    if (session.BoatName is { } boat)
                    {
                        _totals[boat] = new BoatTotals(session.Dives, session.Oysters, session.Pearls);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
        }
        finally
        {
            Interlocked.Decrement(ref _connected);
        }
    }

    /// <summary>Running totals parsed from one boat connection.</summary>
    private sealed class BoatSession
    {
        public string? BoatName { get; private set; }
        public int Dives { get; private set; }
        public int Oysters { get; private set; }
        public int Pearls { get; private set; }

        public void Apply(string line)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2 && parts[0] == "HELLO")
            {
                BoatName = parts[1];
            }
            else if (parts.Length == 3 && parts[0] == "DIVE"
                && int.TryParse(parts[1], out var oysters) && int.TryParse(parts[2], out var pearls))
            {
                Dives++;
                Oysters += oysters;
                Pearls += pearls;
            }
        }
    }
}

public sealed record BoatTotals(int Dives, int Oysters, int Pearls);
