namespace Blind57.HedgeLaying.Courses;

public sealed record Course(string Code, string Title, string HedgeStyle, DateOnly StartDate, int Places);

public interface ICourseStore
{
    IEnumerable<(string Code, string Title, string Style, DateTime Start, int Places)> LoadCourseRows();
}

/// <summary>
/// Lists the season's hedge-laying courses (Midland, South of England, Welsh Border styles).
/// Registered as a singleton; the booking pages and the newsletter generator call it concurrently.
/// The course list is loaded from the store on first use.
/// </summary>
public sealed class CourseCatalogue
{
    private readonly object _gate = new();
    private readonly ICourseStore _store;
    private List<Course>? _courses;

    public CourseCatalogue(ICourseStore store) => _store = store;

    public IReadOnlyList<Course> GetCourses()
    {
        if (_courses != null)
        {
            return _courses;
        }

        lock (_gate)
        {
            if (_courses == null)
            {
                _courses = new List<Course>();
                foreach (var row in _store.LoadCourseRows())
                {
                    _courses.Add(new Course(row.Code, row.Title, row.Style, DateOnly.FromDateTime(row.Start), row.Places));
                }
                _courses.Sort((a, b) => a.StartDate.CompareTo(b.StartDate));
            }
        }

        return _courses;
    }

    public IEnumerable<Course> ByStyle(string style) =>
        GetCourses().Where(c => string.Equals(c.HedgeStyle, style, StringComparison.OrdinalIgnoreCase));

    public Course? Find(string code) => GetCourses().FirstOrDefault(c => c.Code == code);
}

/// <summary>Builds the monthly newsletter section listing upcoming courses by style.</summary>
public sealed class NewsletterSection
{
    private readonly CourseCatalogue _catalogue;

    public NewsletterSection(CourseCatalogue catalogue) => _catalogue = catalogue;

    public async Task<string> RenderAsync(IEnumerable<string> styles)
    {
        var parts = await Task.WhenAll(styles.Select(style => Task.Run(() =>
        {
            var lines = _catalogue.ByStyle(style).Select(c => $"  {c.StartDate:d MMM} {c.Title} ({c.Places} places)");
            return style + Environment.NewLine + string.Join(Environment.NewLine, lines);
        })));
        return string.Join(Environment.NewLine + Environment.NewLine, parts);
    }
}
