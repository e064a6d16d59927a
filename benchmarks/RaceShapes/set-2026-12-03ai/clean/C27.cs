using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;

namespace Blind35.MothTrapping.Flags;

public interface IFlagService
{
    Task<IReadOnlyDictionary<string, bool>> FetchAllAsync(CancellationToken ct);
}

/// <summary>
/// Feature-flag client for the moth survey portal. Singleton; <see cref="IsEnabled"/> is called
/// on every request while a background loop refreshes the flags every thirty seconds.
/// </summary>
public sealed class SurveyFeatureFlags : BackgroundService
{
    private readonly IFlagService _service;
    private ImmutableDictionary<string, bool> _flags = ImmutableDictionary<string, bool>.Empty;
    private long _refreshCount;
    private long _lastRefreshTicks;

    public SurveyFeatureFlags(IFlagService service) => _service = service;

    public bool IsEnabled(string flag, bool fallback = false)
    {
        var snapshot = Volatile.Read(ref _flags);
        return snapshot.TryGetValue(flag, out var on) ? on : fallback;
    }

    public long RefreshCount => Interlocked.Read(ref _refreshCount);

    public DateTime LastRefreshUtc => new(Interlocked.Read(ref _lastRefreshTicks), DateTimeKind.Utc);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        do
        {
            try
            {
                var fetched = await _service.FetchAllAsync(stoppingToken);
                var fresh = fetched.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);
                Interlocked.Exchange(ref _flags, fresh);
                Interlocked.Increment(ref _refreshCount);
                Interlocked.Exchange(ref _lastRefreshTicks, DateTime.UtcNow.Ticks);
            }
            catch (HttpRequestException)
            {
                // keep serving the last known flags
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Decides which upload form to show a recorder.</summary>
public sealed class RecordFormSelector
{
    private readonly SurveyFeatureFlags _flags;

    public RecordFormSelector(SurveyFeatureFlags flags) => _flags = flags;

    public string FormFor(string recorderId, bool hasPhotos)
    {
        if (hasPhotos && _flags.IsEnabled("photo-id-assist"))
        {
            return "record-with-photo-assist";
        }

        return _flags.IsEnabled("new-record-form", fallback: recorderId.EndsWith('7'))
            ? "record-v2"
            : "record-v1";
    }
}
