namespace Blind27.RiverFerries.Radio;

/// <summary>A VHF data link to one ferry's bridge console.</summary>
public sealed class FerryRadioLink : IDisposable
{
    private readonly Func<int, bool> _carrierPresent;

    public FerryRadioLink(int id, Func<int, bool> carrierPresent)
    {
        Id = id;
        _carrierPresent = carrierPresent;
    }

    public int Id { get; }

    /// <summary>Raised from the link's receive thread when the carrier is lost.</summary>
    public event Action<FerryRadioLink>? Faulted;

    internal void StartReceiving()
    {
        var receiver = new Thread(() =>
        {
            while (_carrierPresent(Id))
            {
                Thread.Sleep(500);
            }

            Faulted?.Invoke(this);
        })
        { IsBackground = true, Name = $"ferry-link-{Id}" };
        receiver.Start();
    }

    public void Send(string message) { /* modem write */ }

    public void Dispose() { }
}

/// <summary>
/// Pool of radio links shared by the crossing scheduler, the harbourmaster console and
/// the passenger information feed. At most <c>maxLinks</c> links may be open at once
/// because the shore station has a fixed number of channels.
/// </summary>
public sealed class RadioLinkPool
{
    private readonly Stack<FerryRadioLink> _idle = new();
    private readonly Func<int, bool> _carrierPresent;
    private readonly int _maxLinks;
    private int _created;
    private int _nextId;

    public RadioLinkPool(int maxLinks, Func<int, bool> carrierPresent)
    {
        _maxLinks = maxLinks;
        _carrierPresent = carrierPresent;
    }

    public FerryRadioLink? TryRent()
    {
        lock (_idle)
        {
            if (_idle.Count > 0)
            {
                return _idle.Pop();
            }

            if (_created >= _maxLinks)
            {
                return null;
            }

            _created++;
        }

        var link = new FerryRadioLink(Interlocked.Increment(ref _nextId), _carrierPresent);
        link.Faulted += OnLinkFaulted;
        link.StartReceiving();
        return link;
    }

    public void Return(FerryRadioLink link)
    {
        lock (_idle)
        {
            _idle.Push(link);
        }
    }

    private void OnLinkFaulted(FerryRadioLink link)
    {
        link.Faulted -= OnLinkFaulted;
        link.Dispose();
        _created--;
    }
}

/// <summary>Sends the next-crossing notices to every ferry on the river.</summary>
public sealed class CrossingNoticeSender
{
    private readonly RadioLinkPool _pool;

    public CrossingNoticeSender(RadioLinkPool pool) => _pool = pool;

    public bool TrySend(string notice)
    {
        var link = _pool.TryRent();
        if (link is null)
        {
            return false;
        }

        try
        {
            link.Send(notice);
            return true;
        }
        finally
        {
            _pool.Return(link);
        }
    }
}
