// Authenticator: one-time links (invitations and password resets) from issue to use.
#include <gtest/gtest.h>

#include <algorithm>

#include "unit/service/auth/auth_fixture.hpp"

namespace okrsek::service::test_auth {
namespace {

using core::ErrorCode;

/// The token in a link's fragment ("…/admin/#invite=TOKEN").
std::string token_of(const std::string& url) {
    const auto at = url.find('=');
    if (at == std::string::npos) throw std::runtime_error("no token in " + url);
    return url.substr(at + 1);
}

class AuthLinks : public AuthTest {
protected:
    /// Invites Marie (no password) through the command line.
    CreatedAccount invite_marie() {
        NewAccount account;
        account.email = "marie.pozvana@example.org";
        account.display_name = "Marie Pozvaná";
        return accounts().create_user(Principal::cli(), account);
    }

    bool usable(const std::string& token) {
        return auth().session_principal(token, client).has_value();
    }
};

TEST_F(AuthLinks, AnInvitationSetsThePasswordOnce) {
    const CreatedAccount created = invite_marie();
    ASSERT_TRUE(created.invitation_url);
    const std::string& url = *created.invitation_url;
    EXPECT_TRUE(url.starts_with("https://okrsek.example.org/admin/#invite=")) << url;
    EXPECT_EQ(created.invitation_expires_at, t0 + 72h);
    EXPECT_FALSE(created.user.user.has_password);
    const std::string token = token_of(url);

    const LinkInfo info = auth().check_link(token, store::LinkPurpose::invite);
    EXPECT_EQ(info.purpose, store::LinkPurpose::invite);
    EXPECT_EQ(info.email, "marie.pozvana@example.org");
    EXPECT_EQ(info.display_name, "Marie Pozvaná");
    EXPECT_EQ(info.expires_at, t0 + 72h);
    // Checking changes nothing; the link is still there to use.
    EXPECT_NO_THROW(auth().check_link(token, store::LinkPurpose::invite));

    auth().complete_link(token, store::LinkPurpose::invite, good_password, client);
    EXPECT_TRUE(peek->find_user(created.user.user.id)->has_password);
    EXPECT_EQ(login("marie.pozvana@example.org").state, SignInState::signed_in);
    const auto accepted = audit_rows("auth.invitation.accept");
    ASSERT_EQ(accepted.size(), 1u);
    EXPECT_EQ(accepted[0].actor_id, created.user.user.id);
    EXPECT_EQ(accepted[0].client_address, "192.0.2.10");

    // Used: it cannot set the password again.
    const auto again = error_of(
        [&] { auth().complete_link(token, store::LinkPurpose::invite, other_password, client); });
    EXPECT_EQ(again.code(), ErrorCode::invalid_input);
    EXPECT_EQ(again.field(), "token");
    EXPECT_THROW(auth().check_link(token, store::LinkPurpose::invite), core::Error);
    EXPECT_THROW(login("marie.pozvana@example.org", other_password), core::Error);
}

TEST_F(AuthLinks, AnExpiredLinkIsRefused) {
    const CreatedAccount created = invite_marie();
    const std::string token = token_of(*created.invitation_url);
    clock->advance(72h - 1s);
    EXPECT_NO_THROW(auth().check_link(token, store::LinkPurpose::invite));
    clock->advance(1s);
    const auto error = error_of([&] { auth().check_link(token, store::LinkPurpose::invite); });
    EXPECT_EQ(error.code(), ErrorCode::invalid_input);
    EXPECT_EQ(error.field(), "token");
    EXPECT_STREQ(error.what(), "this link is invalid, used or expired");
    EXPECT_THROW(auth().complete_link(token, store::LinkPurpose::invite, good_password, client),
                 core::Error);
    EXPECT_FALSE(peek->user_credentials(created.user.user.id)->password_hash);
}

TEST_F(AuthLinks, AWeakPasswordIsRefusedWithReasonsAndTheLinkStays) {
    const std::string token = token_of(*invite_marie().invitation_url);
    try {
        auth().complete_link(token, store::LinkPurpose::invite, "kratke", client);
        ADD_FAILURE() << "a six-letter password was accepted";
    } catch (const PasswordRejected& rejected) {
        EXPECT_EQ(rejected.code(), ErrorCode::invalid_input);
        EXPECT_EQ(rejected.field(), "password");
        EXPECT_EQ(rejected.reasons(), std::vector<std::string>{"too_short"});
    }
    try {
        auth().complete_link(token, store::LinkPurpose::invite, "password1234", client);
        ADD_FAILURE() << "a common password was accepted";
    } catch (const PasswordRejected& rejected) {
        EXPECT_NE(std::find(rejected.reasons().begin(), rejected.reasons().end(), "common"),
                  rejected.reasons().end());
    }
    try {
        auth().complete_link(token, store::LinkPurpose::invite, "marie.pozvana-2026", client);
        ADD_FAILURE() << "a password made of the address was accepted";
    } catch (const PasswordRejected& rejected) {
        EXPECT_NE(std::find(rejected.reasons().begin(), rejected.reasons().end(), "contains_email"),
                  rejected.reasons().end());
    }
    // Nothing was used up.
    EXPECT_NO_THROW(auth().complete_link(token, store::LinkPurpose::invite, good_password, client));
}

TEST_F(AuthLinks, ALinkServesOnlyItsPurpose) {
    const std::string token = token_of(*invite_marie().invitation_url);
    EXPECT_EQ(
        error_of([&] { auth().check_link(token, store::LinkPurpose::password_reset); }).code(),
        ErrorCode::invalid_input);
    EXPECT_THROW(
        auth().complete_link(token, store::LinkPurpose::password_reset, good_password, client),
        core::Error);
    EXPECT_EQ(error_of([&] { auth().check_link("garbage", store::LinkPurpose::invite); }).field(),
              "token");
    EXPECT_NO_THROW(auth().check_link(token, store::LinkPurpose::invite));
}

TEST_F(AuthLinks, APasswordResetEndsEverySession) {
    const std::int64_t jana = add_user("jana.testova@example.org", "Jana Testová");
    const SignIn session = login("jana.testova@example.org");
    const IssuedLink link = accounts().issue_password_reset(Principal::cli(), jana);
    EXPECT_TRUE(link.url.starts_with("https://okrsek.example.org/admin/#reset=")) << link.url;
    EXPECT_EQ(link.expires_at, t0 + 2h);
    const std::string token = token_of(link.url);
    EXPECT_EQ(auth().check_link(token, store::LinkPurpose::password_reset).email,
              "jana.testova@example.org");
    auth().complete_link(token, store::LinkPurpose::password_reset, other_password, client);
    EXPECT_FALSE(usable(session.token));
    EXPECT_EQ(audit_rows("auth.password_reset.complete").size(), 1u);
    EXPECT_THROW(login("jana.testova@example.org", good_password), core::Error);
    EXPECT_EQ(login("jana.testova@example.org", other_password).state, SignInState::signed_in);
}

TEST_F(AuthLinks, AResetLinkLastsTwoHours) {
    const std::int64_t jana = add_user("jana.testova@example.org", "Jana Testová");
    const std::string token = token_of(accounts().issue_password_reset(Principal::cli(), jana).url);
    clock->advance(2h);
    EXPECT_THROW(
        auth().complete_link(token, store::LinkPurpose::password_reset, other_password, client),
        core::Error);
    EXPECT_EQ(login("jana.testova@example.org", good_password).state, SignInState::signed_in);
}

TEST_F(AuthLinks, AResetForSomeoneWithoutAPasswordIsANewInvitation) {
    const CreatedAccount created = invite_marie();
    const std::string first = token_of(*created.invitation_url);
    clock->advance(1h);
    const IssuedLink again =
        accounts().issue_password_reset(Principal::cli(), created.user.user.id);
    EXPECT_TRUE(again.url.starts_with("https://okrsek.example.org/admin/#invite=")) << again.url;
    EXPECT_EQ(again.expires_at, t0 + 1h + 72h);
    // The newer link replaces the older one.
    EXPECT_THROW(auth().check_link(first, store::LinkPurpose::invite), core::Error);
    EXPECT_NO_THROW(auth().complete_link(token_of(again.url), store::LinkPurpose::invite,
                                         good_password, client));
}

TEST_F(AuthLinks, DeactivationDropsUnusedLinks) {
    const CreatedAccount created = invite_marie();
    accounts().set_active(Principal::cli(), created.user.user.id, false, "never started");
    EXPECT_THROW(auth().check_link(token_of(*created.invitation_url), store::LinkPurpose::invite),
                 core::Error);
}

}  // namespace
}  // namespace okrsek::service::test_auth
