namespace Blind29.OliveGroves.Mill;

public sealed class PressSlotChangedEventArgs : EventArgs
{
    public PressSlotChangedEventArgs(string Grower, DateTimeOffset Slot, bool Cancelled)
    {
        this.Grower = Grower;
        this.Slot = Slot;
        this.Cancelled = Cancelled;
    }

    public string Grower { get; }
    public DateTimeOffset Slot { get; }
    public bool Cancelled { get; }
}

public interface IPressSlotFeed
{
    event EventHandler<PressSlotChangedEventArgs> SlotChanged;
}

public interface ISmsGateway
{
    Task SendAsync(string grower, string text);
}

/// <summary>
/// Keeps the mill's pressing rota in sync with the cooperative's booking feed and
/// texts growers when their slot changes. The feed raises its event from its own
/// socket threads, possibly several at once.
/// </summary>
public sealed class PressRota
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SortedDictionary<DateTimeOffset, string> _slots = new();
    private readonly ISmsGateway _sms;

    public PressRota(IPressSlotFeed feed, ISmsGateway sms)
    {
        _sms = sms;
        feed.SlotChanged += OnSlotChanged;
    }

    private async void OnSlotChanged(object? sender, PressSlotChangedEventArgs e)
    {
        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (e.Cancelled)
                {
                    if (_slots.TryGetValue(e.Slot, out var holder) && holder == e.Grower)
                    {
                        _slots.Remove(e.Slot);
                    }
                }
                else
                {
                    _slots[e.Slot] = e.Grower;
                }

                var position = _slots.Keys.TakeWhile(k => k < e.Slot).Count() + 1;
                await _sms.SendAsync(e.Grower, e.Cancelled
                    ? $"Your pressing at {e.Slot:g} is cancelled."
                    : $"You are number {position} on the press rota at {e.Slot:g}.").ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Rota update failed for {e.Grower}: {ex.Message}");
        }
    }

    public async Task<IReadOnlyList<(DateTimeOffset Slot, string Grower)>> TodayAsync(DateOnly day)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return _slots
                .Where(s => DateOnly.FromDateTime(s.Key.Date) == day)
                .Select(s => (s.Key, s.Value))
                .ToList();
        }
        finally
        {
            _gate.Release();
        }
    }
}
