using Microsoft.Extensions.Configuration;
using Tndtq.Register;
using Tndtq.Restructure;

namespace Tndtq.Commendations;

/// <summary>Eligibility rules (<c>Commendations__MinRating</c>: good|fair|average|weak, <c>Commendations__MinMembershipMonths</c>).</summary>
public sealed record EligibilityOptions(Rating MinRating = Rating.Fair, int MinMembershipMonths = 12)
{
    public static EligibilityOptions From(IConfiguration c) => new(
        Enum.TryParse<Rating>(c["Commendations:MinRating"], ignoreCase: true, out var r) ? r : Rating.Fair, c.GetValue("Commendations:MinMembershipMonths", 12));

    /// <summary>
    /// Each rule the nominee does not meet, in Vietnamese, on what the activity read: the group (null: not found), the
    /// member (individuals; null: not found), the group's latest assessment and whether the award was given for the period.
    /// </summary>
    public List<string> Failures(NomineeType type, Group? group, Member? member, Assessment? latest, bool alreadyAwarded, string awardName, string period, DateOnly today)
    {
        var failures = new List<string>();
        if (group is null || group.Status != GroupStatus.Active) failures.Add(CommendationTexts.NomineeGroupNotActive);
        if (type == NomineeType.Individual)
        {
            if (member is null || !member.IsActive) failures.Add(CommendationTexts.NomineeNotActive);
            else if (member.JoinedOn is { } joined && joined > today.AddMonths(-MinMembershipMonths))
                failures.Add(CommendationTexts.MembershipTooShort(MinMembershipMonths));
        }
        if (group is not null)
        {
            if (latest is null) failures.Add(CommendationTexts.NoAssessment(group.Name));
            else if (latest.Rating > MinRating) failures.Add(CommendationTexts.RatingTooLow(group.Name, RestructureTexts.RatingName(latest.Rating), RestructureTexts.RatingName(MinRating)));
        }
        if (alreadyAwarded) failures.Add(CommendationTexts.AlreadyAwarded(awardName, period));
        return failures;
    }
}
