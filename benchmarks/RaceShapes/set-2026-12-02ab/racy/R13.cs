namespace Blind28.TruffleHunting.Field;

public sealed record Find(string DogName, double Latitude, double Longitude, double Grams, DateTime FoundAt);

public interface IFindUploader
{
    void Enqueue(IReadOnlyList<Find> finds);
}

/// <summary>
/// One morning's hunt in a licensed woodland. Finds arrive from the handler's GPS
/// collar feed; when the hunt is called off (weather, end of permit window) whatever
/// has been logged is handed to the uploader straight away.
/// </summary>
public sealed class HuntSession
{
    private readonly IFindUploader _uploader;
    private readonly List<Find> _finds = new();
    private readonly string _woodland;

    public HuntSession(string woodland, IFindUploader uploader)
    {
        _woodland = woodland;
        _uploader = uploader;
    }

    public string Woodland => _woodland;

    public async Task<int> RunAsync(IAsyncEnumerable<Find> collarFeed, CancellationToken callOff)
    {
        using var registration = callOff.Register(() =>
        {
            _uploader.Enqueue(_finds.ToArray());
        });

        var count = 0;
        try
        {
            await foreach (var find in collarFeed.WithCancellation(callOff).ConfigureAwait(false))
            {
                if (find.Grams < 5)
                {
                    // Fragments are not worth logging for the buyer.
                    continue;
                }

                _finds.Add(find);
                count++;
            }
        }
        catch (OperationCanceledException) when (callOff.IsCancellationRequested)
        {
            return count;
        }

        _uploader.Enqueue(_finds.ToArray());
        return count;
    }
}

public sealed class HuntDay
{
    private readonly IFindUploader _uploader;

    public HuntDay(IFindUploader uploader) => _uploader = uploader;

    public async Task<int> RunAsync(string woodland, IAsyncEnumerable<Find> feed, TimeSpan permitWindow)
    {
        using var permit = new CancellationTokenSource();
        permit.CancelAfter(permitWindow);
        var session = new HuntSession(woodland, _uploader);
        return await session.RunAsync(feed, permit.Token);
    }
}
