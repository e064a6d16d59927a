namespace Blind36.GlassEyes.Orders;

public enum OrderStage { Quoted, Confirmed, Blowing, Painting, Annealing, Shipped }

public sealed record OrderSnapshot(Guid Id, OrderStage Stage, string? Artisan, DateTime? ShippedAt, string? Tracking, int Revisions);

/// <summary>
/// One custom prosthetic or doll-eye order. The workshop app, the customer portal and
/// the courier webhook all act on the same order object.
/// </summary>
public sealed class EyeOrder
{
    private readonly object _lock = new();
    private OrderStage _stage = OrderStage.Quoted;
    private string? _artisan;
    private DateTime? _shippedAt;
    private string? _tracking;
    private int _revisions;

    public EyeOrder(Guid id) => Id = id;

    public Guid Id { get; }

    public OrderSnapshot Snapshot()
    {
        lock (_lock)
            return new OrderSnapshot(Id, _stage, _artisan, _shippedAt, _tracking, _revisions);
    }

    public bool Confirm()
    {
        lock (_lock)
        {
            if (_stage != OrderStage.Quoted)
                return false;
            _stage = OrderStage.Confirmed;
            return true;
        }
    }

    public bool StartBlowing(string artisan)
    {
        lock (_lock)
        {
            if (_stage != OrderStage.Confirmed)
                return false;
            _artisan = artisan;
            _stage = OrderStage.Blowing;
            return true;
        }
    }

    public bool RequestRevision()
    {
        lock (_lock)
        {
            if (_stage is not (OrderStage.Painting or OrderStage.Annealing))
                return false;
            _revisions++;
            _stage = OrderStage.Painting;
            return true;
        }
    }

    public bool Advance()
    {
        lock (_lock)
        {
            switch (_stage)
            {
                case OrderStage.Blowing: _stage = OrderStage.Painting; return true;
                case OrderStage.Painting: _stage = OrderStage.Annealing; return true;
                default: return false;
            }
        }
    }

    public bool Ship(string tracking)
    {
        lock (_lock)
        {
            if (_stage != OrderStage.Annealing)
                return false;
            _tracking = tracking;
            _shippedAt = DateTime.UtcNow;
            _stage = OrderStage.Shipped;
            return true;
        }
    }
}
