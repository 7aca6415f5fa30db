export default definePageConfig({
  navigationBarTitleText: '平安民调',
  // Residents pass the letter on in chats and Moments.
  enableShareAppMessage: true,
  enableShareTimeline: true
})
