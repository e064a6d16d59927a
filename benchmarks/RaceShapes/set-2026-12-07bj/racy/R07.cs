using System;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.OperaWardrobe.Fittings
{
    public sealed class FittingCompletedEventArgs : EventArgs
    {
        public FittingCompletedEventArgs(string costumeId, string singer)
        {
            CostumeId = costumeId;
            Singer = singer;
        }

        public string CostumeId { get; }
        public string Singer { get; }
    }

    /// <summary>
    /// Receives fitting-room sign-offs from the tablets backstage. Each sign-off is
    /// processed on the thread pool and raises <see cref="FittingCompleted"/> there.
    /// </summary>
    public sealed class FittingRoomService
    {
        public event EventHandler<FittingCompletedEventArgs>? FittingCompleted;

        public void SignOff(string costumeId, string singer)
        {
            ThreadPool.QueueUserWorkItem(_ =>
                FittingCompleted?.Invoke(this, new FittingCompletedEventArgs(costumeId, singer)));
        }
    }

    public interface ICostumePhotoStore
    {
        Task<byte[]> LoadThumbnailAsync(string costumeId);
    }

    /// <summary>
    /// Wardrobe supervisor's view of tonight's fittings.
    /// </summary>
    public sealed class FittingProgressViewModel : INotifyPropertyChanged
    {
        private readonly ICostumePhotoStore _photos;
        private readonly int _expectedFittings;
        private int _completedFittings;

        public FittingProgressViewModel(FittingRoomService service, ICostumePhotoStore photos, int expectedFittings)
        {
            _photos = photos;
            _expectedFittings = expectedFittings;
            service.FittingCompleted += OnFittingCompleted;
        }

        public event PropertyChangedEventHandler? PropertyChanged;

        public ConcurrentQueue<(string Singer, byte[] Thumbnail)> RecentThumbnails { get; } = new();

        public int CompletedFittings => Volatile.Read(ref _completedFittings);

        public double PercentComplete => _expectedFittings == 0 ? 100 : 100.0 * CompletedFittings / _expectedFittings;

        private async void OnFittingCompleted(object? sender, FittingCompletedEventArgs e)
        {
            try
            {
                byte[] thumb = await _photos.LoadThumbnailAsync(e.CostumeId).ConfigureAwait(false);
                RecentThumbnails.Enqueue((e.Singer, thumb));
                while (RecentThumbnails.Count > 12 && RecentThumbnails.TryDequeue(out _))
                {
                }

                _completedFittings++;
                PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(CompletedFittings)));
                PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(PercentComplete)));
            }
            catch (Exception)
            {
                // photo store outages are shown elsewhere; keep counting fittings
            }
        }
    }
}
