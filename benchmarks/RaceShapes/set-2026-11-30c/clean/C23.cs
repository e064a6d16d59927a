namespace Tailspin.Web.Correlation
{
    /// <summary>
    /// Ambient correlation id that flows with the logical request across awaits,
    /// so log statements deep inside services can tag their output without the id
    /// being passed through every method signature.
    /// </summary>
    public static class CorrelationContext
    {
        private static readonly AsyncLocal<string?> CurrentId = new();

        public static string? Id => CurrentId.Value;

        public static IDisposable Begin(string? incomingId)
        {
            var previous = CurrentId.Value;
            CurrentId.Value = string.IsNullOrWhiteSpace(incomingId) ? Guid.NewGuid().ToString("N") : incomingId;
            return new Scope(previous);
        }

        private sealed class Scope : IDisposable
        {
            private readonly string? _previous;
            public Scope(string? previous) => _previous = previous;
            public void Dispose() => CurrentId.Value = _previous;
        }
    }

    public interface IRequestPipeline
    {
        Task InvokeAsync(IDictionary<string, string> headers, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Outermost middleware; establishes the correlation scope for each request.
    /// Registered once and invoked concurrently for all requests.
    /// </summary>
    public sealed class CorrelationMiddleware
    {
        public const string HeaderName = "X-Correlation-Id";
        private readonly IRequestPipeline _next;

        public CorrelationMiddleware(IRequestPipeline next) => _next = next;

        public async Task InvokeAsync(IDictionary<string, string> requestHeaders, IDictionary<string, string> responseHeaders,
            CancellationToken cancellationToken)
        {
            requestHeaders.TryGetValue(HeaderName, out var incoming);
            using (CorrelationContext.Begin(incoming))
            {
                responseHeaders[HeaderName] = CorrelationContext.Id!;
                await _next.InvokeAsync(requestHeaders, cancellationToken).ConfigureAwait(false);
                Log($"request completed");
            }
        }

        private static void Log(string message) =>
            Console.WriteLine($"[{CorrelationContext.Id ?? "-"}] {message}");
    }

    /// <summary>Sends several downstream calls in parallel; each inherits the caller's id.</summary>
    public static class FanOut
    {
        public static Task<string[]> TagAllAsync(IEnumerable<string> items) =>
            Task.WhenAll(items.Select(async item =>
            {
                await Task.Yield();
                return $"{CorrelationContext.Id}:{item}";
            }));
    }
}
