using System.Net.Http.Json;

namespace Blind56.VegBox.Webhooks;

public sealed record BoxDispatchedEvent(string OrderId, string Postcode, DateTimeOffset DispatchedAt);

/// <summary>
/// Keeps retrying the "box dispatched" webhook to a partner farm shop until it
/// is accepted or the attempt budget runs out.
/// </summary>
public sealed class DispatchWebhookRetrier : IDisposable
{
    private const int MaxAttempts = 12;

    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly BoxDispatchedEvent _payload;
    private readonly Timer _timer;
    private readonly TaskCompletionSource<bool> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;
    private int _finished;

    public DispatchWebhookRetrier(HttpClient http, Uri endpoint, BoxDispatchedEvent payload, TimeSpan interval)
    {
        _http = http;
        _endpoint = endpoint;
        _payload = payload;
        _timer = new Timer(OnTick, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(TimeSpan.Zero, interval);
    }

    /// <summary>Completes with true when the partner accepted the webhook.</summary>
    public Task<bool> Outcome => _outcome.Task;

    public void Reschedule(TimeSpan interval)
    {
        if (Volatile.Read(ref _finished) == 0)
        {
            _timer.Change(interval, interval);
        }
    }

    private void OnTick(object? state)
    {
        if (Volatile.Read(ref _finished) != 0)
        {
            return;
        }

        int attempt = ++_attempts;
        if (attempt > MaxAttempts)
        {
            Finish(false);
            return;
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
            {
                Content = JsonContent.Create(_payload),
            };
            request.Headers.Add("X-Delivery-Attempt", attempt.ToString());
            using var response = _http.Send(request);
            if (response.IsSuccessStatusCode)
            {
                Finish(true);
            }
        }
        catch (HttpRequestException)
        {
            // Partner shop offline; the next tick tries again.
        }
    }

    private void Finish(bool delivered)
    {
        if (Interlocked.Exchange(ref _finished, 1) == 0)
        {
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            _outcome.TrySetResult(delivered);
        }
    }

    public void Dispose()
    {
        Finish(false);
        _timer.Dispose();
    }
}
