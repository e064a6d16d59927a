using System.Buffers;
using System.Text;

namespace Blind64.FurSeals.Census
{
    public sealed record RookeryCount(string Colony, DateOnly Date, int Pups, int Adults);

    public interface ICensusUploader
    {
        Task UploadAsync(ReadOnlyMemory<byte> payload, CancellationToken ct);
    }

    /// <summary>
    /// Encodes fur seal rookery tallies as CSV chunks and ships them to the survey archive.
    /// Counters on the beach submit batches from the field tablets as they finish each transect.
    /// </summary>
    public sealed class CensusBatchShipper
    {
        private readonly ICensusUploader _uploader;
        private readonly Action<Exception> _onUploadError;
        private int _batchesShipped;

        public CensusBatchShipper(ICensusUploader uploader, Action<Exception> onUploadError)
        {
            _uploader = uploader;
            _onUploadError = onUploadError;
        }

        public int BatchesShipped => Volatile.Read(ref _batchesShipped);

        public void Ship(IReadOnlyList<RookeryCount> counts)
        {
            var text = new StringBuilder();
            foreach (var c in counts)
            {
                text.Append(c.Colony).Append(',')
                    .Append(c.Date.ToString("yyyy-MM-dd")).Append(',')
                    .Append(c.Pups).Append(',')
                    .Append(c.Adults).Append('\n');
            }

            var csv = text.ToString();
            var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(csv.Length));
            try
            {
                var length = Encoding.UTF8.GetBytes(csv, 0, csv.Length, buffer, 0);
                _ = UploadInBackground(buffer.AsMemory(0, length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        private async Task UploadInBackground(ReadOnlyMemory<byte> payload)
        {
            try
            {
                await Task.Yield();
                await _uploader.UploadAsync(payload, CancellationToken.None).ConfigureAwait(false);
                Interlocked.Increment(ref _batchesShipped);
            }
            catch (Exception ex)
            {
                _onUploadError(ex);
            }
        }
    }

    /// <summary>Uploader that streams the payload to the archive's HTTP endpoint.</summary>
    public sealed class HttpCensusUploader : ICensusUploader
    {
        private readonly HttpClient _http;

        public HttpCensusUploader(HttpClient http) => _http = http;

        public async Task UploadAsync(ReadOnlyMemory<byte> payload, CancellationToken ct)
        {
            using var content = new ByteArrayContent(payload.ToArray());
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
            using var response = await _http.PostAsync("census/batches", content, ct).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
        }
    }
}
