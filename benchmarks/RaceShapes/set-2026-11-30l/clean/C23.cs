using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Emberlight.Content
{
    public sealed record TextureAsset(string Path, int Width, int Height, byte[] Pixels);

    public interface IContentSource
    {
        Task<byte[]> ReadAllBytesAsync(string path, CancellationToken ct);
    }

    /// <summary>
    /// Texture cache for the renderer. Scene loaders running on worker threads request
    /// overlapping sets of textures; each texture is read and decoded once.
    /// </summary>
    public sealed class TextureLoader
    {
        private readonly IContentSource _source;
        private readonly ConcurrentDictionary<string, Lazy<Task<TextureAsset>>> _textures = new(StringComparer.OrdinalIgnoreCase);
        private int _decodedCount;

        public TextureLoader(IContentSource source) => _source = source;

        public int DecodedCount => Volatile.Read(ref _decodedCount);

        public Task<TextureAsset> LoadAsync(string path) =>
            _textures.GetOrAdd(path, p => new Lazy<Task<TextureAsset>>(() => LoadCore(p))).Value;

        public Task<TextureAsset[]> LoadSceneAsync(IEnumerable<string> paths) =>
            Task.WhenAll(paths.Distinct(StringComparer.OrdinalIgnoreCase).Select(LoadAsync));

        private Task<TextureAsset> LoadCore(string path)
        {
            var task = Task.Run(async () =>
            {
                byte[] bytes = await _source.ReadAllBytesAsync(path, CancellationToken.None).ConfigureAwait(false);
                return Decode(path, bytes);
            });

            task.ContinueWith(
                _ => Interlocked.Increment(ref _decodedCount),
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnRanToCompletion,
                TaskScheduler.Default);

            return task;
        }

        private static TextureAsset Decode(string path, byte[] bytes)
        {
            // Engine texture format: "TEX1", width and height as little-endian int32, then RGBA8 pixels.
            if (bytes.Length < 12 || bytes[0] != 'T' || bytes[1] != 'E' || bytes[2] != 'X' || bytes[3] != '1')
                throw new InvalidOperationException($"{path} is not a TEX1 texture.");

            int width = BitConverter.ToInt32(bytes, 4);
            int height = BitConverter.ToInt32(bytes, 8);
            long expected = 12L + (long)width * height * 4;
            if (width <= 0 || height <= 0 || bytes.Length < expected)
                throw new InvalidOperationException($"{path} is truncated.");

            var pixels = new byte[width * height * 4];
            Buffer.BlockCopy(bytes, 12, pixels, 0, pixels.Length);
            return new TextureAsset(path, width, height, pixels);
        }
    }
}
