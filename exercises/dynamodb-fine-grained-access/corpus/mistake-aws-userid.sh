# fails: own-items-allowed
# ${aws:userid} instead of the session tag: for a role's session it is "ROLEID:session-name", never a
# user's id, so no user reaches their own items.
. ./build.bash
user_id='${aws:userid}'
build
