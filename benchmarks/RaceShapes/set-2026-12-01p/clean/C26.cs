using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.Kiosk.SelfCheckout;

public sealed class BarcodeScannedEventArgs : EventArgs
{
    public BarcodeScannedEventArgs(string barcode) => Barcode = barcode;
    public string Barcode { get; }
}

public interface IBarcodeScanner
{
    /// <summary>Raised on the scanner driver's serial-port thread.</summary>
    event EventHandler<BarcodeScannedEventArgs> Scanned;
}

public interface IPriceLookup
{
    Task<(string Description, decimal Price)?> LookupAsync(string barcode, CancellationToken ct);
}

/// <summary>
/// Basket of a self-checkout terminal. Items are added as the scanner reports barcodes;
/// the touchscreen reads the basket to draw the item list and total.
/// </summary>
public sealed class CheckoutBasket
{
    private readonly IPriceLookup _prices;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<(string Barcode, string Description, decimal Price)> _lines = new();
    private readonly Action _redrawRequested;
    private int _unknownScans;

    public CheckoutBasket(IBarcodeScanner scanner, IPriceLookup prices, Action redrawRequested)
    {
        _prices = prices;
        _redrawRequested = redrawRequested;
        scanner.Scanned += OnScanned;
    }

    private async void OnScanned(object? sender, BarcodeScannedEventArgs e)
    {
        try
        {
            var item = await _prices.LookupAsync(e.Barcode, CancellationToken.None).ConfigureAwait(false);

            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (item is { } found)
                {
                    _lines.Add((e.Barcode, found.Description, found.Price));
                }
                else
                {
                    _unknownScans++;
                }
            }
            finally
            {
                _gate.Release();
            }

            _redrawRequested();
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"Scan {e.Barcode} failed: {ex.Message}");
        }
    }

    public async Task<(IReadOnlyList<string> Lines, decimal Total, int UnknownScans)> SnapshotAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var lines = _lines.Select(l => $"{l.Description,-28}{l.Price,8:C}").ToList();
            return (lines, _lines.Sum(l => l.Price), _unknownScans);
        }
        finally
        {
            _gate.Release();
        }
    }
}
